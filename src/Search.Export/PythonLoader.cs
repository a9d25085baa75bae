namespace NinSearch.Export;

/// <summary>
/// <c>model.py</c>, copied into every export: rebuilds the network in plain PyTorch from <c>spec.json</c> and loads
/// <c>model.safetensors</c> with only <c>torch</c>, <c>json</c> and <c>struct</c>. It is an embedded resource (the
/// file lives in <c>Python/model.py</c>) so that an export never depends on where NinSearch is installed.
/// </summary>
public static class PythonLoader
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(PythonLoader).Assembly.GetManifestResourceStream("NinSearch.Export.model.py")
            ?? throw new InvalidOperationException("model.py is not embedded in Search.Export");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The file name in an export.</summary>
    public const string FileName = "model.py";

    /// <summary>The source of <c>model.py</c>.</summary>
    public static string Source => Text.Value;
}
