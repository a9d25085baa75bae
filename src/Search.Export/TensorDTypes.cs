namespace NinSearch.Export;

/// <summary>Sizes and safetensors names of <see cref="TensorDType"/>s.</summary>
public static class TensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this TensorDType dtype) => dtype switch
    {
        TensorDType.UInt8 or TensorDType.Int8 or TensorDType.Bool => 1,
        TensorDType.Int16 or TensorDType.Float16 or TensorDType.BFloat16 => 2,
        TensorDType.Int32 or TensorDType.Float32 => 4,
        TensorDType.Int64 or TensorDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a supported tensor type"),
    };

    /// <summary>The dtype string of the safetensors header (<c>F32</c>, <c>I64</c>, ...).</summary>
    public static string SafetensorsName(this TensorDType dtype) => dtype switch
    {
        TensorDType.UInt8 => "U8",
        TensorDType.Int8 => "I8",
        TensorDType.Int16 => "I16",
        TensorDType.Int32 => "I32",
        TensorDType.Int64 => "I64",
        TensorDType.Float16 => "F16",
        TensorDType.Float32 => "F32",
        TensorDType.Float64 => "F64",
        TensorDType.Bool => "BOOL",
        TensorDType.BFloat16 => "BF16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a supported tensor type"),
    };
}
