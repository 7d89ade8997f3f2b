using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>
/// Whole-file writes that either fully replace the target or leave it untouched: the content goes
/// to a temp file in the same directory (so the rename stays on one file system), is flushed to
/// disk, then renamed over the target. A crash or exception never leaves a half-written file.
/// </summary>
public static class AtomicFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly JsonSerializerOptions IndentedRelaxed = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        // A span cannot be captured by the writer lambda, so write it directly.
        using var file = Begin(path);
        file.Stream.Write(bytes);
        file.Commit();
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
    /// Writes <paramref name="node"/> as indented JSON and a final <c>\n</c> (UTF-8, no BOM) atomically.
    /// <paramref name="relaxedEscaping"/> keeps non-ASCII text, '+' and '&lt;' as they are
    /// (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>) for files people read; such a file is
    /// data, never HTML. The default escapes as System.Text.Json does.
    /// </summary>
    public static void WriteJson(string path, JsonNode node, bool relaxedEscaping = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        WriteAllText(path, node.ToJsonString(relaxedEscaping ? IndentedRelaxed : Indented) + "\n");
    }

    /// <summary>
    /// Streams content into <paramref name="path"/> atomically: <paramref name="writer"/> writes into
    /// a temp file; if it throws, the temp file is deleted and the previous file (if any) is intact.
    /// </summary>
    public static void Write(string path, Action<Stream> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var file = Begin(path);
        writer(file.Stream);
        file.Commit();
    }

    /// <summary>Writes UTF-8 text (no BOM, "\n" line ends) produced by <paramref name="write"/> atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(text);
        });
    }

    /// <summary>Writes the lines, each ending in <c>\n</c>, atomically.</summary>
    public static void WriteLines(string path, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        WriteText(path, writer =>
        {
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        });
    }

    /// <summary>Starts an atomic write for content produced piece by piece; call <see cref="AtomicFileWriter.Commit"/> at the end.</summary>
    public static AtomicFileWriter Begin(string path) => new(path);
}
