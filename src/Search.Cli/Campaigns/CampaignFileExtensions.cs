using System.Text.Json;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Spec;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// The CLI side of <see cref="CampaignFile"/> (Search.Core knows nothing of Orleans' wire types): reading a file and
/// turning it into the silo's <see cref="CampaignDefinition"/> and <see cref="CampaignBudget"/>.
/// </summary>
public static class CampaignFileExtensions
{
    extension(CampaignFile)
    {
        /// <summary>Reads a campaign file; errors name the file and the problem.</summary>
        public static CampaignFile Read(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"campaign spec '{path}' does not exist", path);
            try
            {
                var file = JsonSerializer.Deserialize<CampaignFile>(File.ReadAllText(path), SpecJson.Options)
                    ?? throw new InvalidDataException($"campaign spec '{path}' is null");
                if (!file.ToBudget().IsValid)
                    throw new InvalidDataException($"campaign spec '{path}': budget needs at least one positive limit (max_trials, max_epochs or max_wall_clock)");
                return file;
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"campaign spec '{path}': {e.Message}", e);
            }
        }
    }

    extension(CampaignFile file)
    {
        public CampaignBudget ToBudget() => new(file.Budget.MaxTrials, file.Budget.MaxEpochs, file.Budget.MaxWallClock);

        public CampaignDefinition ToDefinition() => new(
            file.Name,
            file.Dataset.Name,
            file.Search?.GetRawText() ?? "{}",
            file.ToBudget(),
            new ResourceRequest(file.Resources.Gpus, file.Resources.GpuMemoryBytes, file.Resources.CpuThreads));
    }
}
