namespace NinSearch.Model.Data;

/// <summary>A dataset file that cannot be used: missing, corrupt, truncated, with a wrong magic number, or whose
/// images and labels disagree. The message starts with the file's path.</summary>
public sealed class DataFormatException(string filePath, string problem, Exception? inner = null)
    : IOException($"{filePath}: {problem}", inner)
{
    /// <summary>The offending file (or folder).</summary>
    public string FilePath { get; } = filePath;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
