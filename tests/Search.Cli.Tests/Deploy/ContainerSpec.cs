using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// One container of a rendered workload: its ports by name and the environment it gets (ConfigMaps it takes whole,
/// then its own variables), with stand-ins for values Kubernetes fills in (Secret keys, pod fields).
/// </summary>
internal sealed record ContainerSpec(string Workload, string Name, string Image, IReadOnlyDictionary<string, int> Ports,
    IReadOnlyDictionary<string, string> Environment, JsonObject Node)
{
    /// <summary>Stand-ins: a connection string, a token, a pod IP, a pod name.</summary>
    private static string StandIn(JsonNode from) =>
        from["secretKeyRef"]?["key"]?.GetValue<string>() switch
        {
            "db-connection" => "Host=postgres;Port=5432;Database=ninsearch;Username=ninsearch;Password=stand-in",
            { } key => $"stand-in-{key}-0123456789abcdef0123456789abcdef",
            null => from["fieldRef"]?["fieldPath"]?.GetValue<string>() switch
            {
                "status.podIP" => "10.1.2.3",
                "metadata.name" => "worker-5d9c7b7f8-abcde",
                var field => throw new Xunit.Sdk.XunitException($"unexpected valueFrom {from.ToJsonString()} ({field})"),
            },
        };

    /// <summary>The containers of every workload (Deployment, StatefulSet, Job) in <paramref name="manifests"/>.</summary>
    public static IEnumerable<ContainerSpec> All(RenderedManifests manifests)
    {
        foreach (var workload in manifests.Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet" or "Job"))
        {
            foreach (var container in workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()))
            {
                var environment = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var source in container["envFrom"]?.AsArray() ?? [])
                {
                    var map = manifests.Single("ConfigMap", (string)source!["configMapRef"]!["name"]!);
                    foreach (var (key, value) in map["data"]!.AsObject()) environment[key] = (string)value!;
                }
                foreach (var variable in container["env"]?.AsArray() ?? [])
                    environment[(string)variable!["name"]!] = variable["value"] is { } value ? (string)value! : StandIn(variable["valueFrom"]!);
                var ports = (container["ports"]?.AsArray() ?? []).ToDictionary(
                    p => (string?)p!["name"] ?? (string)p["containerPort"]!, p => int.Parse((string)p!["containerPort"]!));
                yield return new(RenderedManifests.Name(workload), (string)container["name"]!, (string)container["image"]!, ports, environment, container);
            }
        }
    }

    /// <summary>Whether this container runs a NinSearch image (not PostgreSQL's or a helper's).</summary>
    public bool IsNinSearch => Image.Contains("ninsearch", StringComparison.Ordinal) && !Image.Contains("datasets", StringComparison.Ordinal);

    /// <summary>The environment as .NET's configuration reads it (<c>A__B</c> is key <c>A:B</c>).</summary>
    public IConfiguration Configuration => new ConfigurationBuilder()
        .AddInMemoryCollection(Environment.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)))
        .Build();

    /// <summary>Binds <typeparamref name="T"/> from <paramref name="section"/> as the application does (a bad value throws here).</summary>
    public T Bind<T>(string section) where T : new()
    {
        var options = new T();
        Configuration.GetSection(section).Bind(options);
        return options;
    }
}
