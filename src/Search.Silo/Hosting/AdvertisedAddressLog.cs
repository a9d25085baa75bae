using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace NinSearch.Silo.Hosting;

/// <summary>
/// Says once, as the silo starts, which address it advertises and why; a warning when that is loopback, because
/// silos and workers on other hosts will then never reach it.
/// </summary>
internal sealed partial class AdvertisedAddressLog(AdvertisedAddress address, ILogger<AdvertisedAddressLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(AdvertisedAddressLog), ServiceLifecycleStage.RuntimeInitialize,
        _ =>
        {
            if (address.IsLoopback) LogLoopback(address.Address.ToString(), address.Source);
            else LogAdvertised(address.Address.ToString(), address.Source);
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo advertises {Address} ({Source})")]
    private partial void LogAdvertised(string address, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo advertises {Address} ({Source}): only processes on this host can reach it; set NinSearch__Silo__AdvertisedAddress")]
    private partial void LogLoopback(string address, string source);
}
