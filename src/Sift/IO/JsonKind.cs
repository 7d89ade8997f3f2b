using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>Names what a JSON node is ("an array", "a number", …), for "expected X, found Y" errors.</summary>
public static class JsonKind
{
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "something else",
    };
}
