using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NinSearch.Dashboard.Hosting;

namespace NinSearch.Dashboard.Tests.Infrastructure;

/// <summary>
/// The dashboard's own Program.cs on a test server, configured as an Orleans client of the fixture's silo and a reader
/// of its PostgreSQL store. Settings go in as host configuration, so they are there when Program.cs reads them.
/// </summary>
public sealed class DashboardFactory(IReadOnlyDictionary<string, string?> settings, LogCapture logs) : WebApplicationFactory<ApiOptions>
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(logs);
        });
    }
}
