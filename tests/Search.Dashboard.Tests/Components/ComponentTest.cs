using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Hosting;
using NinSearch.Dashboard.Ui;

namespace NinSearch.Dashboard.Tests.Components;

/// <summary>
/// A bUnit context for the dashboard's components: MudBlazor's services, loose JS interop (MudBlazor calls into its
/// own scripts), and a <see cref="DashboardSession"/> for an API whose token is <see cref="Token"/>. Components that
/// read campaigns get a real read model from the tests that need one. MudBlazor registers services that can only be
/// disposed asynchronously, and xUnit 2 disposes test classes synchronously: the context is disposed asynchronously
/// first (its later Dispose then does nothing).
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    public const string Token = "component-test-token-93ab1f";

    protected ComponentTest(bool requireTokenForReads = false)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var options = new ApiOptions { Token = Token, RequireTokenForReads = requireTokenForReads };
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(options));
        Services.AddSingleton(ApiToken.From(options));
        Services.AddScoped<DashboardSession>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
