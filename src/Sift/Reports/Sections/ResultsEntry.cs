namespace Sift.Reports.Sections;

/// <summary>Finds a section's object in results.json: under its key, or the whole file when a single-method run wrote that object alone (e.g. `sift restem`).</summary>
internal static class ResultsEntry
{
    public static JsonField Find(JsonField results, string key, params string[] topLevelMarkers)
    {
        var entry = results[key];
        if (!entry.IsMissing) return entry;
        if (topLevelMarkers.Length > 0 && results.IsObject && topLevelMarkers.All(m => !results[m].IsMissing)) return results;
        return entry;
    }
}
