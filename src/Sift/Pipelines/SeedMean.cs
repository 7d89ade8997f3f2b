using System.Text.Json.Nodes;

namespace Sift.Pipelines;

/// <summary>
/// Means over seeds of per-seed JSON results, for results.json: every numeric field present in all
/// seeds' objects is averaged (recursively through objects and through arrays of objects matched by
/// position); the per-seed objects are kept beside the mean as <c>per_seed</c> by the caller.
/// </summary>
public static class SeedMean
{
    /// <summary>
    /// The field-wise mean of <paramref name="perSeed"/>: numbers averaged, objects merged recursively,
    /// arrays averaged element-wise over the seeds that have that element, strings kept when equal.
    /// </summary>
    public static JsonNode? Of(IReadOnlyList<JsonNode?> perSeed) =>
        // Round-trip through text so every number reads back as double (in-memory values keep their CLR type).
        Mean(perSeed.Select(n => n is null ? null : JsonNode.Parse(n.ToJsonString())).ToArray());

    private static JsonNode? Mean(IReadOnlyList<JsonNode?> perSeed)
    {
        var present = perSeed.Where(n => n is not null).Select(n => n!).ToArray();
        if (present.Length == 0) return null;
        if (present.All(n => n is JsonObject))
        {
            var result = new JsonObject();
            var keys = present.Cast<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var key in keys)
            {
                var values = present.Cast<JsonObject>().Where(o => o.ContainsKey(key)).Select(o => o[key]).ToArray();
                if (values.Length != present.Length) continue; // a field some seeds lack has no mean
                var mean = Mean(values);
                if (mean is not null) result[key] = mean;
            }
            return result;
        }
        if (present.All(n => n is JsonArray))
        {
            var arrays = present.Cast<JsonArray>().ToArray();
            int length = arrays.Max(a => a.Count);
            var result = new JsonArray();
            for (int i = 0; i < length; i++)
            {
                var mean = Mean(arrays.Where(a => i < a.Count).Select(a => a[i]).ToArray());
                if (mean is not null) result.Add(mean);
            }
            return result;
        }
        if (present.All(n => n is JsonValue v && v.TryGetValue<double>(out _)))
        {
            var values = present.Select(n => n!.GetValue<double>()).ToArray();
            bool integral = present.All(n => n is JsonValue v && (v.TryGetValue<int>(out _) || v.TryGetValue<long>(out _)));
            var mean = values.Average();
            // Integer fields that agree (iteration numbers, k) stay integers.
            return integral && values.All(v => v == values[0]) ? JsonValue.Create((long)values[0]) : JsonValue.Create(Math.Round(mean, 6));
        }
        if (present.All(n => n is JsonValue v && v.TryGetValue<string>(out _)))
        {
            var first = present[0].GetValue<string>();
            return present.All(n => n!.GetValue<string>() == first) ? JsonValue.Create(first) : null;
        }
        return null;
    }

    /// <summary>The mean object with <c>per_seed</c> beside it: <c>{..mean.., "per_seed": [{"seed": s, ...}, ...]}</c>.</summary>
    public static JsonObject WithPerSeed(IReadOnlyList<(int Seed, JsonObject Result)> perSeed)
    {
        var mean = Of(perSeed.Select(p => (JsonNode?)p.Result).ToArray()) as JsonObject ?? new JsonObject();
        var list = new JsonArray();
        foreach (var (seed, result) in perSeed)
        {
            var copy = new JsonObject { ["seed"] = seed };
            foreach (var (key, value) in result) copy[key] = value?.DeepClone();
            list.Add(copy);
        }
        mean["per_seed"] = list;
        // Parsed back from text, so readers can take any number as double.
        return JsonNode.Parse(mean.ToJsonString())!.AsObject();
    }
}
