using NinSearch.Silo.Coordination;
using NinSearch.Silo.Hosting;
using NinSearch.Silo.Metrics;
using NinSearch.Silo.Search;
using NinSearch.Store;

namespace NinSearch.Simulation.Cluster;

/// <summary>
/// What a coordinator activation is built from: the silo's services plus this activation's host, the scheduler its draws
/// run on, and where its new trial and lease ids come from (a counter per schedule, so ids repeat with the seed).
/// </summary>
public sealed record CoordinatorParts(
    string CampaignId,
    ICampaignStore Store,
    ICampaignSearchFactory SearchFactory,
    SearchClock Clock,
    SiloOptions Options,
    SearchInstruments Instruments,
    ICampaignHost Host,
    TaskScheduler DrawScheduler,
    Func<Guid> NewId);

/// <summary>Builds the coordinator under test for one activation.</summary>
public delegate ICoordinatorUnderTest CoordinatorFactory(CoordinatorParts parts);
