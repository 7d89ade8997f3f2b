using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Runs;

/// <summary>
/// Append-only JSON-lines metrics log (<c>log.jsonl</c>). Each record is one line, flushed as it is
/// written, so a killed run leaves at most a torn last line, which <see cref="ReadAll"/> skips.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly StreamWriter _writer;

    public MetricsLog(string path)
    {
        Path = path;
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public string Path { get; }

    /// <summary>Appends one record; <paramref name="kind"/> becomes its "event" field.</summary>
    public void Write(string kind, JsonObject fields)
    {
        var record = new JsonObject { ["event"] = kind, ["time"] = DateTimeOffset.UtcNow.ToString("O") };
        foreach (var (key, value) in fields)
        {
            record[key] = value?.DeepClone();
        }
        _writer.WriteLine(record.ToJsonString(Readable));
    }

    /// <summary>Reads every complete record of a log; a torn final line (from a kill) is ignored.</summary>
    public static IReadOnlyList<JsonObject> ReadAll(string path)
    {
        if (!File.Exists(path)) return [];
        // A torn line can only be the last one written before a kill; skipping invalid lines skips it.
        return new JsonlReader(path, skipInvalid: true).Read().Select(r => r.Object).ToList();
    }

    public void Dispose() => _writer.Dispose();
}
