namespace NinSearch.Bench.Soak;

/// <summary>Settings of one soak run (command-line flags in <c>Program.cs</c>).</summary>
/// <param name="Minutes">How long workers keep leasing new trials. Default 5.</param>
/// <param name="Workers">Simulated workers. Default 1,000.</param>
/// <param name="Clients">Orleans clients the workers are spread over. Default 4.</param>
/// <param name="Silos">Silo processes. Default 2.</param>
/// <param name="Campaigns">Campaigns running at once (spread over the silos). Default 4.</param>
/// <param name="Epochs">Epoch reports per trial. Default 3.</param>
/// <param name="EpochDelay">Pretend training time before each report. Default 2 s.</param>
/// <param name="Heartbeat">Heartbeat period of each worker (the worker's default). Default 5 s.</param>
/// <param name="Poll">Wait after a lease call found nothing (the worker's default). Default 1 s.</param>
/// <param name="LeaseDuration">The silos' lease duration (their default). Default 30 s.</param>
/// <param name="CampaignTrials">
/// Null: each campaign's budget outlasts the run, so its grain holds every trial it ran. Otherwise campaigns of this
/// many trials, each replaced by a new one when it completes, and completed campaigns' grains collected at once (as
/// the silo's idle collection would, later): what memory does when trials do not pile up in live campaigns.
/// </param>
/// <param name="FullGc">Whether every silo runs a full collection before each memory sample, so the heap is live data only.</param>
/// <param name="Server">PostgreSQL server; a fresh database is created on it and dropped afterwards unless <paramref name="Keep"/>.</param>
/// <param name="Keep">Keep the database (its name is printed).</param>
/// <param name="JsonPath">Where the JSON summary is written, besides standard output. Default none.</param>
internal sealed record SoakOptions(
    double Minutes, int Workers, int Clients, int Silos, int Campaigns, int Epochs, TimeSpan EpochDelay, TimeSpan Heartbeat,
    TimeSpan Poll, TimeSpan LeaseDuration, int? CampaignTrials, bool FullGc, [property: System.Text.Json.Serialization.JsonIgnore] string Server, bool Keep, string? JsonPath);
