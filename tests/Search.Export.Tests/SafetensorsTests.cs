using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace NinSearch.Export.Tests;

public sealed class SafetensorsTests
{
    private static readonly NamedTensor Weight = new("features.block1.conv3x3.weight", TensorDType.Float32, [2, 1, 1, 1],
        BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-2f)).ToArray());
    private static readonly NamedTensor Count = new("features.block1.conv3x3_bn.num_batches_tracked", TensorDType.Int64, [], BitConverter.GetBytes(7L));
    private static readonly NamedTensor Bias = new("features.block1.mlp1.bias", TensorDType.Float32, [3], new byte[12]);

    [Fact]
    public void Header_is_a_little_endian_length_then_padded_json_with_dtypes_shapes_and_offsets()
    {
        var file = Safetensors.Serialize([Weight, Count, Bias], new Dictionary<string, string> { ["format"] = "pt", ["spec"] = "{\"a\": 1}" });

        var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, length % 8);
        Assert.Equal(8 + length + 8 + 8 + 12, file.Length);
        var headerText = Encoding.UTF8.GetString(file, 8, (int)length);
        Assert.StartsWith("{", headerText);
        using var header = JsonDocument.Parse(headerText);
        var root = header.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal("{\"a\": 1}", root.GetProperty("__metadata__").GetProperty("spec").GetString());

        AssertEntry(root, Weight.Name, "F32", [2, 1, 1, 1], 0, 8);
        AssertEntry(root, Count.Name, "I64", [], 8, 16);
        AssertEntry(root, Bias.Name, "F32", [3], 16, 28);
        var body = file.AsSpan(8 + (int)length);
        Assert.Equal(-2f, BitConverter.ToSingle(body[4..8]));
        Assert.Equal(7L, BitConverter.ToInt64(body[8..16]));
    }

    [Fact]
    public void Without_metadata_there_is_no_metadata_entry()
    {
        var file = Safetensors.Serialize([Bias]);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, length));
        Assert.False(header.RootElement.TryGetProperty("__metadata__", out _));
    }

    [Fact]
    public void Duplicate_names_and_wrong_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Safetensors.Serialize([Bias, Bias]));
        Assert.Throws<ArgumentException>(() => Safetensors.Serialize([Bias with { Data = new byte[8] }]));
        Assert.Throws<ArgumentException>(() => Safetensors.Serialize([Bias with { Name = "__metadata__" }]));
    }

    private static void AssertEntry(JsonElement root, string name, string dtype, long[] shape, long begin, long end)
    {
        var entry = root.GetProperty(name);
        Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
        Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([begin, end], entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
    }
}
