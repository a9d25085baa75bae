using NinSearch.Spec;

namespace NinSearch.Core.Spaces;

/// <summary>
/// What <see cref="ConfigurationMapper"/> uses for everything the space does not sample. Defaults: the recipe
/// <see cref="TrainingRecipe.Default"/> (the strong Fashion-MNIST recipe), 3 blocks, width 96, kernel 3, one hidden
/// 1×1 layer, no pooling, no dropout, batch norm on; the space's own constraints.
/// </summary>
public sealed class MapperOptions
{
    public TrainingRecipe BaseRecipe { get; init; } = TrainingRecipe.Default;
    public int DefaultBlocks { get; init; } = 3;
    public int DefaultWidth { get; init; } = 96;
    public int DefaultKernel { get; init; } = 3;
    public int DefaultPointwise { get; init; } = 1;
    public bool DefaultBatchNorm { get; init; } = true;

    /// <summary>Overrides the space's <see cref="SearchSpace.Constraints"/> when set (e.g. a campaign's limits).</summary>
    public SpaceConstraints? Constraints { get; init; }
}
