namespace NinSearch.Store;

/// <summary>File side of checkpoints stored in a directory.</summary>
internal static class CheckpointFiles
{
    /// <summary>Writes to a temporary name in the same directory and renames, so readers see all bytes or none.</summary>
    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(data, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Deletes files no longer referenced by a row. A failure leaves an orphan file, never a row without its file,
    /// so it is ignored.
    /// </summary>
    public static void DeleteQuietly(string directory, IEnumerable<string> relativePaths)
    {
        foreach (var relative in relativePaths)
        {
            try
            {
                File.Delete(Path.Combine(directory, relative));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
