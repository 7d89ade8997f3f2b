using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Reports;

/// <summary>
/// A node of a run's JSON with where it came from (file and dotted field path), so that every
/// "expected X, found Y" error names the file and the field. Readers are tolerant: absent or null
/// fields are <see cref="IsMissing"/>, only present fields of the wrong kind are errors.
/// </summary>
public readonly record struct JsonField(JsonNode? Node, string File, string Path)
{
    public bool IsMissing => Node is null;

    /// <summary>The child <paramref name="name"/> of an object (missing when this is missing or lacks it).</summary>
    public JsonField this[string name] => new(Node is JsonObject o ? o[name] : null, File, Path.Length == 0 ? name : $"{Path}.{name}");

    /// <summary>The object's properties in file order; empty when missing; an error when not an object.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonField>> Properties()
    {
        if (Node is null) return [];
        var o = Node as JsonObject ?? throw Expected("an object");
        var path = Path;
        var file = File;
        return o.Select(p => new KeyValuePair<string, JsonField>(p.Key, new JsonField(p.Value, file, path.Length == 0 ? p.Key : $"{path}.{p.Key}"))).ToList();
    }

    /// <summary>The array's items; empty when missing; an error when not an array.</summary>
    public IReadOnlyList<JsonField> Items()
    {
        if (Node is null) return [];
        var a = Node as JsonArray ?? throw Expected("an array");
        var items = new List<JsonField>(a.Count);
        for (int i = 0; i < a.Count; i++) items.Add(new JsonField(a[i], File, $"{Path}[{i}]"));
        return items;
    }

    /// <summary>Whether the node is an object (so a section can tell "absent" from "present").</summary>
    public bool IsObject => Node is JsonObject;

    /// <summary>Whether the node is a JSON number.</summary>
    public bool IsNumber => Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>The number, or null when missing, null or "NaN"; an error for any other kind.</summary>
    public double? OptionalNumber()
    {
        if (Node is null) return null;
        if (Node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.Number:
                    return v.GetValue<double>();
                case JsonValueKind.String when v.GetValue<string>() is "NaN" or "Infinity" or "-Infinity":
                    // System.Text.Json writes non-finite doubles as these strings when allowed; a chart cannot place them.
                    return null;
            }
        }
        throw Expected("a number");
    }

    /// <summary>The number; an error naming the field when missing or not a number.</summary>
    public double Number() => OptionalNumber() ?? throw new InvalidDataException($"{File}: field '{Path}' is missing; expected a number");

    /// <summary>The text of a string (or of a number, for labels such as a model size); null when missing.</summary>
    public string? OptionalText()
    {
        if (Node is null) return null;
        if (Node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.String: return v.GetValue<string>();
                case JsonValueKind.Number: return v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture);
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
            }
        }
        throw Expected("a string");
    }

    /// <summary>An error saying what the field should have been and what it is.</summary>
    public InvalidDataException Expected(string what) =>
        new(Path.Length == 0
            ? $"{File}: the top level is {JsonKind.Describe(Node)}; expected {what}"
            : $"{File}: field '{Path}' is {JsonKind.Describe(Node)}; expected {what}");
}
