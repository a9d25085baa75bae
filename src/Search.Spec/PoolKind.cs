namespace NinSearch.Spec;

/// <summary>The pooling that may follow an mlpconv block.</summary>
public enum PoolKind
{
    Max,
    Avg,
}
