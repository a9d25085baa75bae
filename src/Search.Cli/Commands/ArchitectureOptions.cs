using System.CommandLine;
using NinSearch.Spec;

namespace NinSearch.Cli.Commands;

/// <summary>The shared <c>--preset NAME | --arch FILE</c> pair that names one architecture.</summary>
internal sealed class ArchitectureOptions
{
    public Option<string?> Preset { get; } = new("--preset") { Description = $"a shipped architecture: {string.Join(", ", Presets.All.Keys)}" };

    public Option<FileInfo?> Arch { get; } = new("--arch") { Description = "an architecture spec JSON file" };

    public void AddTo(Command command)
    {
        command.Add(Preset);
        command.Add(Arch);
        command.Validators.Add(result =>
        {
            var hasPreset = result.GetValue(Preset) is not null;
            var hasArch = result.GetValue(Arch) is not null;
            if (hasPreset == hasArch) result.AddError("give exactly one of --preset NAME or --arch FILE");
        });
    }

    /// <summary>The chosen spec, read and validated; throws <see cref="SpecException"/> naming the bad field.</summary>
    public NinSpec Resolve(ParseResult result) =>
        result.GetValue(Arch) is { } file ? SpecJson.ReadSpecFile(file.FullName) : Presets.Get(result.GetValue(Preset)!);
}
