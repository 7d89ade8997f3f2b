using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Data.Code;

/// <summary>
/// The unit tests of one code problem: the function to call and its test cases. Serialised as compact
/// JSON into <c>MathProblem.Answer</c> for code problems:
/// <code>{"entry":"f","tests":[{"args":[3],"expected":11},{"args":[0],"expected":2}]}</code>
/// <c>entry</c> is the function name (a Python identifier); each test's <c>args</c> is the array of
/// positional arguments and <c>expected</c> the return value, compared as JSON values (a Python tuple
/// equals a JSON array; <c>True</c> is not <c>1</c>).
/// </summary>
/// <param name="EntryPoint">Name of the function the tests call.</param>
/// <param name="Tests">The test cases, in order.</param>
public sealed record PythonTestSuite(string EntryPoint, IReadOnlyList<PythonTestCase> Tests)
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The compact JSON form (the schema above).</summary>
    public string ToJson()
    {
        var tests = new JsonArray();
        foreach (var test in Tests)
        {
            tests.Add(new JsonObject { ["args"] = test.Args.DeepClone(), ["expected"] = test.Expected?.DeepClone() });
        }
        return new JsonObject { ["entry"] = EntryPoint, ["tests"] = tests }.ToJsonString(Compact);
    }

    /// <summary>The JSON the harness reads: the entry point and the arguments only, never the expected values.</summary>
    internal string InputsJson()
    {
        var inputs = new JsonArray();
        foreach (var test in Tests)
        {
            inputs.Add(test.Args.DeepClone());
        }
        return new JsonObject { ["entry"] = EntryPoint, ["inputs"] = inputs }.ToJsonString(Compact);
    }

    /// <summary>Parses the schema above; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static PythonTestSuite Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"code tests: not JSON ({e.Message})", e);
        }
        if (root is not JsonObject obj) throw new FormatException("code tests: expected a JSON object {\"entry\":..., \"tests\":[...]}");
        if (obj["entry"] is not JsonValue entryValue || !entryValue.TryGetValue<string>(out var entry) || !IsIdentifier(entry))
        {
            throw new FormatException("code tests: field 'entry' must be a Python identifier string");
        }
        if (obj["tests"] is not JsonArray testArray) throw new FormatException("code tests: field 'tests' must be an array");
        var tests = new List<PythonTestCase>(testArray.Count);
        for (var i = 0; i < testArray.Count; i++)
        {
            if (testArray[i] is not JsonObject test) throw new FormatException($"code tests: tests[{i}] must be an object");
            if (test["args"] is not JsonArray args) throw new FormatException($"code tests: tests[{i}].args must be an array");
            if (!test.ContainsKey("expected")) throw new FormatException($"code tests: tests[{i}].expected is missing");
            tests.Add(new PythonTestCase((JsonArray)args.DeepClone(), test["expected"]?.DeepClone()));
        }
        return new PythonTestSuite(entry, tests);
    }

    /// <summary>Whether <paramref name="name"/> is an ASCII Python identifier.</summary>
    public static bool IsIdentifier(string name)
        => name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
