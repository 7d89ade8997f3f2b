using System.Text;

namespace Sift.Data;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a reader (or a resumed run) never
/// sees half a file: either the old content or the complete new one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes UTF-8 text (no BOM) produced by <paramref name="write"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the lines, each ending in <c>\n</c>, atomically.</summary>
    public static void WriteLines(string path, IEnumerable<string> lines)
        => Write(path, writer =>
        {
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        });
}
