namespace NinSearch.Core.Spaces;

/// <summary>The type of one sampled value.</summary>
public enum ValueKind
{
    Int,
    Float,
    Bool,
    String,
}
