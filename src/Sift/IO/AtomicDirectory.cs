namespace Sift.IO;

/// <summary>
/// Writes a whole directory (a checkpoint: config.json, model.safetensors, tokenizer.json, state) so that
/// readers see either the old one or the complete new one. Files are written into a hidden staging
/// directory beside the target; <see cref="Commit"/> swaps it in with two renames: target → backup,
/// staging → target, then deletes the backup. If the process dies between the two renames,
/// <see cref="Recover"/> (called by <see cref="Begin"/> and usable by readers) puts the backup back.
/// </summary>
public sealed class AtomicDirectory : IDisposable
{
    private bool _done;

    private AtomicDirectory(string target)
    {
        TargetPath = target;
        string parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{target}' has no parent directory.", nameof(target));
        Directory.CreateDirectory(parent);
        StagingPath = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(StagingPath);
    }

    /// <summary>The directory <see cref="Commit"/> replaces.</summary>
    public string TargetPath { get; }

    /// <summary>Where to write the files before committing.</summary>
    public string StagingPath { get; }

    /// <summary>Starts writing <paramref name="directory"/> (first recovering from an interrupted commit, if any).</summary>
    public static AtomicDirectory Begin(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        Recover(full);
        return new AtomicDirectory(full);
    }

    /// <summary>Path of <paramref name="fileName"/> inside the staging directory.</summary>
    public string File(string fileName) => Path.Combine(StagingPath, fileName);

    /// <summary>Swaps the staged directory in for <see cref="TargetPath"/>.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        string backup = BackupPath(TargetPath);
        bool hadOld = Directory.Exists(TargetPath);
        if (hadOld)
        {
            if (Directory.Exists(backup))
                Directory.Delete(backup, recursive: true);
            Directory.Move(TargetPath, backup);
        }
        try
        {
            Directory.Move(StagingPath, TargetPath);
        }
        catch
        {
            if (hadOld && !Directory.Exists(TargetPath))
                Directory.Move(backup, TargetPath);
            throw;
        }
        _done = true;
        if (hadOld)
            TryDelete(backup);
    }

    /// <summary>Discards the staging directory; the target is untouched.</summary>
    public void Abort()
    {
        if (_done)
            return;
        _done = true;
        TryDelete(StagingPath);
    }

    /// <summary>Aborts unless committed.</summary>
    public void Dispose() => Abort();

    /// <summary>
    /// Repairs an interrupted <see cref="Commit"/>: if <paramref name="directory"/> is missing but its
    /// backup exists, the backup is moved back; a backup beside a complete target is deleted.
    /// </summary>
    public static void Recover(string directory)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string backup = BackupPath(full);
        if (!Directory.Exists(backup))
            return;
        if (Directory.Exists(full))
            TryDelete(backup);
        else
            Directory.Move(backup, full);
    }

    private static string BackupPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.previous");

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
