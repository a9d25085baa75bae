using Microsoft.Extensions.Hosting;
using NinSearch.Store;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// Creates or migrates the store's schema when the host starts. Registered before Orleans, so the silo starts (and
/// its grains read the store) only afterwards; a store that cannot be reached fails the host's start.
/// </summary>
internal sealed class StoreInitialization(StoreInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
