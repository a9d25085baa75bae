using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NinSearch.Export;

/// <summary>
/// Writes the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a UTF-8 JSON
/// header <c>{"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}</c>
/// padded with spaces to a multiple of 8 bytes, then the tensors' raw little-endian bytes back to back (offsets count
/// from the end of the header).
/// </summary>
/// <remarks>
/// Why safetensors rather than PyTorch's own <c>torch.save</c> file: a <c>.pt</c> file is a pickle, and unpickling
/// runs arbitrary code, so a user would have to trust the file to load it. A safetensors file is only a JSON header
/// and bytes: loading it runs nothing, any language can read it in a few lines (the exported <c>model.py</c> does so
/// with <c>json</c> and <c>struct</c> alone), and the <c>safetensors</c> package, Hugging Face tools and
/// <c>torch.frombuffer</c> all read it. It is simple enough to write here without a package.
/// </remarks>
public static class Safetensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> in the given order with optional string <paramref name="metadata"/>.
    /// Throws <see cref="ArgumentException"/> for duplicate names, the reserved name <c>__metadata__</c>, or data
    /// whose length does not match its shape and type.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = Header(tensors, metadata);
        var padded = (header.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(header);
        for (var i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var tensor in tensors) stream.Write(tensor.Data.Span);
    }

    /// <summary>The file as bytes; see <see cref="Write"/>.</summary>
    public static byte[] Serialize(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, tensors, metadata);
        return buffer.ToArray();
    }

    private static byte[] Header(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps the header readable (quotes in metadata stay \", not \u0022); it is still valid JSON.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
            long offset = 0;
            foreach (var tensor in tensors)
            {
                if (!names.Add(tensor.Name)) throw new ArgumentException($"tensor name '{tensor.Name}' is duplicate or reserved", nameof(tensors));
                var bytes = tensor.ElementCount * tensor.DType.Size();
                if (tensor.Data.Length != bytes)
                    throw new ArgumentException($"'{tensor.Name}' has {tensor.Data.Length} bytes, its shape and type need {bytes}", nameof(tensors));
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
