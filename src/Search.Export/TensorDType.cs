namespace NinSearch.Export;

/// <summary>
/// Element types of saved tensors. The values are TorchSharp's <c>ScalarType</c> codes (libtorch's
/// <c>c10::ScalarType</c>), which is how TorchSharp's save format writes them, so a code read from a file casts
/// directly to this enum.
/// </summary>
public enum TensorDType
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}
