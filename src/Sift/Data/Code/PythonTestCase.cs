using System.Text.Json.Nodes;

namespace Sift.Data.Code;

/// <summary>One unit test: call the entry point with <see cref="Args"/> and expect <see cref="Expected"/> (compared as JSON values).</summary>
/// <param name="Args">Positional arguments as a JSON array, e.g. <c>[3]</c> or <c>[[1,2,3]]</c>.</param>
/// <param name="Expected">The expected return value as JSON (numbers, strings, booleans, null, lists, objects).</param>
public sealed record PythonTestCase(JsonArray Args, JsonNode? Expected)
{
    /// <summary>A test from plain values (ints, strings, bools, int arrays, string arrays).</summary>
    public static PythonTestCase Of(object? expected, params object?[] args)
        => new(new JsonArray(args.Select(ToNode).ToArray()), ToNode(expected));

    /// <summary>The JSON node of a plain value.</summary>
    internal static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        int[] ints => new JsonArray(ints.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        long[] longs => new JsonArray(longs.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        string[] strings => new JsonArray(strings.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        string s => JsonValue.Create(s),
        _ => throw new ArgumentException($"unsupported test value type {value.GetType().Name}", nameof(value)),
    };
}
