using System.Text;

namespace Sift.IO;

/// <summary>
/// Whole-file writes that either fully replace the target or leave it untouched: the content goes
/// to a temp file in the same directory (so the rename stays on one file system), is flushed to
/// disk, then renamed over the target. A crash or exception never leaves a half-written file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        // Spans cannot be captured by the lambda, so copy once through a pinned-free array segment.
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy, 0, copy.Length));
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes, 0, bytes.Length));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>
    /// Streams content into <paramref name="path"/> atomically: <paramref name="writer"/> writes into
    /// a temp file; if it throws, the temp file is deleted and the previous file (if any) is intact.
    /// </summary>
    public static void Write(string path, Action<Stream> writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writer);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writer(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one that matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
