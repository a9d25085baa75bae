namespace NinSearch.Core.Spaces;

public enum DimensionType
{
    /// <summary>Integers from low to high in steps.</summary>
    Int,
    /// <summary>Reals from low to high, uniform or log-uniform.</summary>
    Float,
    /// <summary>One of a list of typed choices.</summary>
    Categorical,
}
