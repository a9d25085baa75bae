namespace NinSearch.Spec;

public enum OptimizerKind
{
    Sgd,
    Adam,
    AdamW,
}
