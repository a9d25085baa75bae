using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// An overlay of deploy/k8s as <c>kubectl kustomize</c> renders it (offline), each object as JSON for navigation:
/// scalars stay strings, as Kubernetes reads a manifest's quoted and unquoted numbers alike.
/// </summary>
internal sealed class RenderedManifests
{
    private RenderedManifests(string overlay, string text, IReadOnlyList<JsonObject> objects) => (Overlay, Text, Objects) = (overlay, text, objects);

    public string Overlay { get; }

    /// <summary>The rendered YAML.</summary>
    public string Text { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Name(o) == name) ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no {kind} {name}");

    public static string Name(JsonNode o) => (string)o["metadata"]!["name"]!;

    /// <summary>The repository's deploy/k8s folder, found above the test's folder.</summary>
    public static string K8sFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NinSearch.sln"))) return Path.Combine(dir.FullName, "deploy", "k8s");
            throw new InvalidOperationException($"no NinSearch.sln above {AppContext.BaseDirectory}");
        }
    }

    private static readonly Dictionary<string, RenderedManifests> Cache = [];

    /// <summary>Renders <c>deploy/k8s/overlays/<paramref name="overlay"/></c> (once per test run).</summary>
    public static RenderedManifests Render(string overlay)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(overlay, out var cached)) return cached;
            var text = Kustomize(Path.Combine(K8sFolder, "overlays", overlay));
            var parser = new Parser(new StringReader(text));
            var deserializer = new DeserializerBuilder().Build();
            parser.Consume<StreamStart>();
            var objects = new List<JsonObject>();
            while (parser.Accept<DocumentStart>(out _))
            {
                if (ToJson(deserializer.Deserialize<object>(parser)) is JsonObject o) objects.Add(o);
            }
            return Cache[overlay] = new RenderedManifests(overlay, text, objects);
        }
    }

    private static string Kustomize(string folder)
    {
        ProcessStartInfo info = new("kubectl", ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not installed (scripts/setup.sh installs it): " + e.Message, e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder}: exit {process.ExitCode}\n{error.Result}");
            return output;
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        Dictionary<object, object> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, ToJson(kv.Value)))),
        List<object> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(value.ToString()),
    };
}
