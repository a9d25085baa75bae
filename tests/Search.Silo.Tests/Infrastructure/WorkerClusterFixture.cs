namespace NinSearch.Silo.Tests.Infrastructure;

/// <summary>
/// A cluster of its own for tests that run <see cref="Worker.WorkerService"/>: workers pull from the dispatcher, which
/// would otherwise hand them other tests' campaigns.
/// </summary>
public sealed class WorkerClusterFixture : ClusterFixture
{
    // No silo is killed here, and real trials (image folders, Torch) start campaigns and train beside the calls: a
    // loaded machine must not turn a slow first activation into a failed test.
    protected override TimeSpan ResponseTimeout => TimeSpan.FromSeconds(30);
}

[CollectionDefinition(Name)]
public sealed class WorkerClusterCollection : ICollectionFixture<WorkerClusterFixture>
{
    public const string Name = "worker-cluster";
}
