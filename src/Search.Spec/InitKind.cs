namespace NinSearch.Spec;

/// <summary>Weight initialization of convolutions.</summary>
public enum InitKind
{
    /// <summary>Xavier (Glorot) uniform; trains plain NiN, where libtorch's default leaves it at chance.</summary>
    Xavier,
    /// <summary>Kaiming (He) normal, fan-out, for ReLU.</summary>
    Kaiming,
    /// <summary>libtorch's own default.</summary>
    Default,
}
