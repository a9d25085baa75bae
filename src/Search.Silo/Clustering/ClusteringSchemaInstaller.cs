using Microsoft.Extensions.Options;
using NinSearch.Silo.Hosting;
using Orleans.Runtime;

namespace NinSearch.Silo.Clustering;

/// <summary>Runs <see cref="PostgresClusteringSchema"/> at the silo's first lifecycle stage, before membership starts.</summary>
internal sealed class ClusteringSchemaInstaller(IOptions<SiloOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusteringSchemaInstaller), ServiceLifecycleStage.First, cancellationToken =>
            PostgresClusteringSchema.EnsureCreatedAsync(options.Value.ConnectionString!, cancellationToken));
}
