using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>
/// Streams a JSONL file (one JSON object per line; blank lines ignored) without loading it whole.
/// A bad line throws <see cref="InvalidDataException"/> "<c>file:line: what is wrong</c>", or, with
/// skipInvalid, is counted in <see cref="InvalidLineCount"/> (the first few reasons kept in
/// <see cref="InvalidLines"/>) and skipped.
/// </summary>
public sealed class JsonlReader
{
    /// <summary>How many invalid-line messages <see cref="InvalidLines"/> keeps.</summary>
    public const int MaxKeptMessages = 20;

    private readonly List<string> _invalid = [];

    /// <summary>Reader over <paramref name="path"/>; nothing is opened until <see cref="Read"/> is enumerated.</summary>
    public JsonlReader(string path, bool skipInvalid = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        SkipInvalid = skipInvalid;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Whether bad lines are skipped (and counted) instead of thrown.</summary>
    public bool SkipInvalid { get; }

    /// <summary>Bad lines skipped so far.</summary>
    public int InvalidLineCount { get; private set; }

    /// <summary>The first <see cref="MaxKeptMessages"/> skipped lines' errors, as "file:line: reason".</summary>
    public IReadOnlyList<string> InvalidLines => _invalid;

    /// <summary>Reads every object of <paramref name="path"/>, throwing on the first bad line.</summary>
    public static IEnumerable<JsonlRecord> ReadAll(string path) => new JsonlReader(path).Read();

    /// <summary>Streams the records. Each enumeration rereads the file and resets the invalid-line count.</summary>
    public IEnumerable<JsonlRecord> Read()
    {
        if (!File.Exists(Path))
            throw new FileNotFoundException($"{Path}: no such JSONL file.", Path);
        InvalidLineCount = 0;
        _invalid.Clear();
        return ReadCore();
    }

    private IEnumerable<JsonlRecord> ReadCore()
    {
        using var reader = new StreamReader(Path, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        int lineNumber = 0;
        var options = new JsonNodeOptions { PropertyNameCaseInsensitive = false };
        var docOptions = new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonObject? obj = null;
            string? error = null;
            try
            {
                JsonNode? node = JsonNode.Parse(line, options, docOptions);
                if (node is JsonObject o)
                    obj = o;
                else
                    error = $"expected a JSON object, found {JsonKind.Describe(node)}";
            }
            catch (JsonException ex)
            {
                error = $"invalid JSON at column {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}";
            }
            if (obj is not null)
            {
                yield return new JsonlRecord(lineNumber, obj);
                continue;
            }
            string message = $"{Path}:{lineNumber}: {error}";
            if (!SkipInvalid)
                throw new InvalidDataException(message);
            InvalidLineCount++;
            if (_invalid.Count < MaxKeptMessages)
                _invalid.Add(message);
        }
    }


    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 5." which is noise here.
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
