using NinSearch.Store.InMemory;

namespace NinSearch.Store.Tests.Infrastructure;

/// <summary>One <see cref="InMemoryCampaignStore"/> per test class, on the system clock, as the database fixtures share one database.</summary>
public sealed class InMemoryStoreFixture
{
    /// <summary>The store with default options.</summary>
    public InMemoryCampaignStore Store { get; } = new(TimeProvider.System);
}
