using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NinSearch.Dashboard.Hosting;
using NinSearch.ServiceDefaults;
using NinSearch.Silo.Hosting;
using NinSearch.Store;
using NinSearch.Worker;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// deploy/k8s against the code: both overlays render with <c>kubectl kustomize</c>; every selector selects what it
/// is meant to; every container port is one the program listens on (its options' values, defaults included); every
/// variable the manifests set is a setting the program reads, and binds and validates as the program does it.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    /// <summary>The overlays under deploy/k8s/overlays.</summary>
    public static readonly string[] OverlayNames = ["cpu-dev", "gpu-prod"];

    public static TheoryData<string> Overlays => new(OverlayNames);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_overlay_renders_every_part_and_no_placeholder_secret(string overlay)
    {
        var manifests = RenderedManifests.Render(overlay);

        foreach (var (kind, name) in new[]
        {
            ("Namespace", "ninsearch"), ("ConfigMap", "ninsearch-config"), ("StatefulSet", "postgres"), ("Service", "postgres"),
            ("Deployment", "silo"), ("Service", "silo"), ("PodDisruptionBudget", "silo"), ("Deployment", "dashboard"),
            ("Service", "dashboard"), ("Ingress", "dashboard"), ("Deployment", "worker"), ("PersistentVolumeClaim", "datasets"),
            ("Job", "datasets-fill"), ("ScaledObject", "worker"), ("ServiceMonitor", "ninsearch"),
        })
            manifests.Single(kind, name);
        Assert.All(manifests.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("ninsearch", (string?)o["metadata"]!["namespace"]));
        // The Secret is made by create-secrets.sh with random values: the overlays ship none to forget to change.
        Assert.Empty(manifests.OfKind("Secret"));
        Assert.DoesNotContain("change-me", manifests.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_selector_matches_the_labels_it_is_meant_to(string overlay)
    {
        var manifests = RenderedManifests.Render(overlay);
        var pods = manifests.Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet" or "Job").ToList();
        var podLabels = pods.Select(p => Labels(p["spec"]!["template"]!["metadata"]!["labels"])).ToList();

        foreach (var workload in pods.Where(p => (string?)p["kind"] != "Job"))
        {
            var selector = Labels(workload["spec"]!["selector"]!["matchLabels"]);
            Assert.True(selector.Count > 0 && IsSubset(selector, Labels(workload["spec"]!["template"]!["metadata"]!["labels"])),
                $"{overlay}: {workload["kind"]} {RenderedManifests.Name(workload)}'s selector does not match its own pods");
        }
        foreach (var service in manifests.OfKind("Service"))
        {
            var selector = Labels(service["spec"]!["selector"]);
            var selected = pods.Where(p => IsSubset(selector, Labels(p["spec"]!["template"]!["metadata"]!["labels"]))).ToList();
            Assert.True(selected.Count == 1, $"{overlay}: Service {RenderedManifests.Name(service)} selects {selected.Count} workloads");
            var ports = ContainerSpec.All(manifests).Where(c => c.Workload == RenderedManifests.Name(selected[0])).SelectMany(c => c.Ports).ToList();
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                var target = (string?)port!["targetPort"] ?? (string)port["port"]!;
                Assert.True(ports.Any(p => p.Key == target || p.Value.ToString() == target),
                    $"{overlay}: Service {RenderedManifests.Name(service)} targets port {target}, which its pods do not declare");
            }
        }
        var budget = Labels(manifests.Single("PodDisruptionBudget", "silo")["spec"]!["selector"]!["matchLabels"]);
        Assert.Equal(1, podLabels.Count(l => IsSubset(budget, l)));
        Assert.True(IsSubset(budget, Labels(manifests.Single("Deployment", "silo")["spec"]!["template"]!["metadata"]!["labels"])));

        var monitor = manifests.Single("ServiceMonitor", "ninsearch");
        var monitored = manifests.OfKind("Service").Where(s => IsSubset(Labels(monitor["spec"]!["selector"]!["matchLabels"]), Labels(s["metadata"]!["labels"]))).ToList();
        Assert.Equal(["dashboard", "silo", "worker-metrics"], monitored.Select(RenderedManifests.Name).Order());
        var endpointPort = (string)monitor["spec"]!["endpoints"]![0]!["port"]!;
        Assert.All(monitored, s => Assert.Contains(s["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == endpointPort));

        Assert.Equal("worker", (string?)manifests.Single("ScaledObject", "worker")["spec"]!["scaleTargetRef"]!["name"]);
        var backend = manifests.Single("Ingress", "dashboard")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        var backendService = manifests.Single("Service", (string)backend["name"]!);
        Assert.Contains(backendService["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)backend["port"]!["name"]);
        foreach (var claim in pods.SelectMany(p => p["spec"]!["template"]!["spec"]!["volumes"]?.AsArray() ?? []).Select(v => v!["persistentVolumeClaim"]).OfType<JsonNode>())
            manifests.Single("PersistentVolumeClaim", (string)claim["claimName"]!);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_port_and_probe_is_one_the_program_listens_on(string overlay)
    {
        var containers = ContainerSpec.All(RenderedManifests.Render(overlay)).Where(c => c.IsNinSearch).ToDictionary(c => c.Name);

        var silo = containers["silo"];
        var siloOptions = silo.Bind<SiloOptions>(SiloOptions.Section);
        Assert.Equal(siloOptions.SiloPort, silo.Ports["silo"]);
        Assert.Equal(siloOptions.GatewayPort, silo.Ports["gateway"]);
        Assert.Equal(silo.Bind<MetricsEndpointOptions>(SiloOptions.Section).MetricsPort, silo.Ports["metrics"]);

        var worker = containers["worker"];
        Assert.Equal(worker.Bind<MetricsEndpointOptions>(WorkerOptions.Section).MetricsPort, worker.Ports["metrics"]);
        Assert.Equal(["metrics"], worker.Ports.Keys);

        var dashboard = containers["dashboard"];
        Assert.Equal(int.Parse(dashboard.Environment["ASPNETCORE_HTTP_PORTS"]), dashboard.Ports["http"]);
        Assert.Equal(dashboard.Bind<MetricsEndpointOptions>(ApiOptions.Section).MetricsPort, dashboard.Ports["metrics"]);

        foreach (var container in containers.Values)
        {
            foreach (var kind in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                if (container.Node[kind]?["httpGet"] is not { } probe) continue;
                var port = (string)probe["port"]!;
                Assert.True(port == "metrics" || port == container.Ports["metrics"].ToString(), $"{overlay}: {container.Name} {kind} on port {port}, not the metrics endpoint");
                Assert.Contains((string)probe["path"]!, new[] { ServiceDefaultsExtensions.LivenessPath, ServiceDefaultsExtensions.ReadinessPath });
            }
            Assert.True(container.Node["readinessProbe"] is not null && container.Node["livenessProbe"] is not null, $"{overlay}: {container.Name} lacks a probe");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_variable_the_manifests_set_is_a_setting_that_binds_and_validates(string overlay)
    {
        var containers = ContainerSpec.All(RenderedManifests.Render(overlay)).Where(c => c.IsNinSearch).ToDictionary(c => c.Name);

        var unknown = containers.Values.SelectMany(c => c.Environment.Keys.Where(k => !OptionKeys.Exists(k)).Select(k => $"{c.Name}: {k}")).ToList();
        Assert.True(unknown.Count == 0, $"{overlay}: settings no options class has: {string.Join(", ", unknown)}");

        var silo = containers["silo"];
        Assert.Empty(silo.Bind<SiloOptions>(SiloOptions.Section).Validate());
        Assert.Equal(StoreProvider.Postgres, silo.Bind<StoreOptions>(StoreOptions.SectionName).Provider);
        var worker = containers["worker"];
        Assert.Empty(worker.Bind<WorkerOptions>(WorkerOptions.Section).Validate());
        Assert.Empty(worker.Bind<ClusterClientOptions>(WorkerOptions.Section).Validate(WorkerOptions.Section));
        var dashboard = containers["dashboard"];
        Assert.Empty(dashboard.Bind<ApiOptions>(ApiOptions.Section).Validate());
        Assert.Empty(dashboard.Bind<ClusterClientOptions>(ClusterClientOptions.Section).Validate());
        Assert.Equal(StoreProvider.Postgres, dashboard.Bind<StoreOptions>(StoreOptions.SectionName).Provider);

        // Silos advertise their pod IP; the cluster secret file is where the Secret is mounted, in every role.
        Assert.Equal("status.podIP", (string?)silo.Node["env"]!.AsArray().Single(e => (string?)e!["name"] == "NinSearch__Silo__AdvertisedAddress")!["valueFrom"]!["fieldRef"]!["fieldPath"]);
        foreach (var (container, section) in new[] { (silo, SiloOptions.Section), (worker, WorkerOptions.Section), (dashboard, ClusterClientOptions.Section) })
        {
            var file = container.Configuration[$"{section}:ClusterSecretFile"];
            var mount = container.Node["volumeMounts"]!.AsArray().Select(m => (string)m!["mountPath"]!);
            Assert.True(file is not null && mount.Any(m => file.StartsWith(m + "/", StringComparison.Ordinal)), $"{overlay}: {container.Name}'s cluster secret file {file} is not on a mounted volume");
        }
    }

    [Fact]
    public void A_setting_that_no_options_class_has_is_caught()
    {
        Assert.True(OptionKeys.Exists("NinSearch__Silo__LeaseDuration"));
        Assert.True(OptionKeys.Exists("NINSEARCH__WORKER__GATEWAYPORTS__0"));
        Assert.True(OptionKeys.Exists("NinSearch__Silo__Validation__MaxDimensions"));
        Assert.True(OptionKeys.Exists("NinSearch__Silo__Membership__ProbeTimeout"));
        Assert.False(OptionKeys.Exists("NinSearch__Silo__LeaseDurations"));
        Assert.False(OptionKeys.Exists("NinSearch__Silo__Membership__Nope"));
        Assert.False(OptionKeys.Exists("NinSearch__Worker__Validation__MaxDimensions"));
        Assert.False(OptionKeys.Exists("NinSearch__Dashboard__Token"));
        Assert.False(OptionKeys.Exists("DB_PASSWORD"));
    }

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        node?.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!) ?? [];

    private static bool IsSubset(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
