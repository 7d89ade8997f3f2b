namespace Sift.IO;

/// <summary>
/// A file being written atomically: write to <see cref="Stream"/>, then <see cref="Commit"/> renames the
/// temp file over the target. Disposing without committing deletes the temp file and leaves the target as it was.
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly FileStream _stream;
    private bool _done;

    internal AtomicFileWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TargetPath = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(TargetPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(dir);
        TempPath = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(TargetPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>The file that <see cref="Commit"/> replaces.</summary>
    public string TargetPath { get; }

    /// <summary>The temp file in the same directory (so the rename never crosses file systems).</summary>
    public string TempPath { get; }

    /// <summary>Where to write the content.</summary>
    public Stream Stream => _done ? throw new ObjectDisposedException(nameof(AtomicFileWriter)) : _stream;

    /// <summary>Flushes to disk and renames the temp file over <see cref="TargetPath"/>.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            File.Move(TempPath, TargetPath, overwrite: true);
            _done = true;
        }
        catch
        {
            Abort();
            throw;
        }
    }

    /// <summary>Discards the temp file; the target is untouched.</summary>
    public void Abort()
    {
        if (_done)
            return;
        _done = true;
        _stream.Dispose();
        try
        {
            if (File.Exists(TempPath))
                File.Delete(TempPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless (hidden, uniquely named).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Aborts unless committed.</summary>
    public void Dispose() => Abort();
}
