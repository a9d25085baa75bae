namespace NinSearch.Spec;

public enum LayerKind
{
    Conv,
    BatchNorm,
    MaxPool,
    AvgPool,
    Dropout,
    GlobalAvgPool,
}
