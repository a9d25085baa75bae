using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace NinSearch.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests
{
    private const string Section = "NinSearch:Test";
    private const string MeterName = "NinSearch.Test";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_metrics_port_serves_the_callers_meter_liveness_and_readiness()
    {
        var port = Ports.Free();
        var ready = new SwitchableCheck();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new($"{Section}:MetricsPort", port.ToString()), new($"{Section}:MetricsHost", "localhost")]);
        builder.AddServiceDefaults(Section, [MeterName]);
        builder.Services.AddHealthChecks().AddCheck("switch", ready, tags: [HealthTags.Ready]);
        using var host = builder.Build();
        await host.StartAsync();
        using var meter = new Meter(MeterName);
        meter.CreateCounter<long>("ninsearch.test.things").Add(5);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(port, "/healthz")).Status);
        Assert.Equal((HttpStatusCode.OK, "Healthy\nswitch: Healthy (switched on)\n"), await GetAsync(port, "/readyz"));
        ready.On = false;
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy\nswitch: Unhealthy (switched off)\n"), await GetAsync(port, "/readyz"));
        // Liveness ignores readiness checks: the process still answers.
        Assert.Equal((HttpStatusCode.OK, "Healthy\nself: Healthy (the process answers)\n"), await GetAsync(port, "/healthz"));
        Assert.Matches(@"(?m)^ninsearch_test_things_total(\{[^}]*\})? 5(\s|$)", (await GetAsync(port, "/metrics")).Body);

        await host.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(port, "/healthz"));
    }

    [Fact]
    public void Without_a_port_nothing_is_served_and_no_metrics_are_collected()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults(Section, [MeterName]);
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service is MetricsEndpoint);
        Assert.NotNull(host.Services.GetService<HealthCheckService>());
    }

    [Fact]
    public async Task A_web_application_also_maps_the_endpoints_on_its_own_port()
    {
        var (webPort, metricsPort) = (Ports.Free(), Ports.Free());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{webPort}");
        builder.AddServiceDefaults(Section, [MeterName], options => options.MetricsPort = metricsPort);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(webPort, "/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(metricsPort, "/healthz")).Status);
        Assert.Contains("kestrel_", (await GetAsync(webPort, "/metrics")).Body);

        await app.StopAsync();
    }

    [Theory]
    [InlineData("MetricsPort", "70000", "NinSearch:Test:MetricsPort must be a TCP port")]
    [InlineData("MetricsHost", "metrics.example", "NinSearch:Test:MetricsHost must be *, localhost or an IP address")]
    public void Invalid_endpoint_settings_fail_at_start_up(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new($"{Section}:{key}", value)]);

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddServiceDefaults(Section, [MeterName]));

        Assert.Contains(message, error.Message);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(int port, string path)
    {
        using var response = await Http.GetAsync($"http://localhost:{port}{path}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed class SwitchableCheck : IHealthCheck
    {
        public volatile bool On = true;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(On ? HealthCheckResult.Healthy("switched on") : HealthCheckResult.Unhealthy("switched off"));
    }
}
