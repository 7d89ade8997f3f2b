using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>
/// Writes a JSONL file atomically: lines go to a temp file and appear under the target name only on
/// <see cref="Commit"/>; disposing without committing leaves any previous file intact.
/// Non-ASCII text is written as UTF-8, not \u escapes.
/// </summary>
public sealed class JsonlWriter : IDisposable
{
    private static readonly JsonSerializerOptions LineOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly AtomicFileWriter _file;
    private readonly Utf8JsonWriter _json;

    /// <summary>Starts writing <paramref name="path"/>.</summary>
    public JsonlWriter(string path)
    {
        _file = AtomicFile.Begin(path);
        _json = new Utf8JsonWriter(_file.Stream, new JsonWriterOptions { Encoder = LineOptions.Encoder, Indented = false, SkipValidation = false });
    }

    /// <summary>Lines written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Writes one JSON node (normally an object) as a line.</summary>
    public void Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.WriteTo(_json, LineOptions);
        EndLine();
    }

    /// <summary>Serialises <paramref name="value"/> (System.Text.Json defaults plus <paramref name="options"/>) as a line.</summary>
    public void Write<T>(T value, JsonSerializerOptions? options = null)
    {
        JsonSerializer.Serialize(_json, value, options ?? LineOptions);
        EndLine();
    }

    /// <summary>Flushes and atomically replaces the target file.</summary>
    public void Commit()
    {
        // Dispose the JSON writer first: disposing flushes, which must reach the still-open temp file.
        _json.Dispose();
        _file.Commit();
    }

    /// <summary>Discards the output unless committed.</summary>
    public void Dispose()
    {
        _file.Dispose();
    }

    /// <summary>Writes all <paramref name="nodes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAll(string path, IEnumerable<JsonNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        using var w = new JsonlWriter(path);
        foreach (var n in nodes)
            w.Write(n);
        w.Commit();
    }

    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        _file.Stream.WriteByte((byte)'\n');
        Count++;
    }
}
