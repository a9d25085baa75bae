namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for tests that run <see cref="Worker.WorkerService"/>: workers pull from the dispatcher, which
/// would otherwise hand them other tests' campaigns.
/// </summary>
public sealed class WorkerClusterFixture : ClusterFixture;

[CollectionDefinition(Name)]
public sealed class WorkerClusterCollection : ICollectionFixture<WorkerClusterFixture>
{
    public const string Name = "worker-cluster";
}
