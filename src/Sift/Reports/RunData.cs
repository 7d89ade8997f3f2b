namespace Sift.Reports;

/// <summary>
/// What a report shows of one run directory: its <c>results.json</c> (as a <see cref="JsonField"/>,
/// missing when the run has none), its <c>config.yaml</c> text and the loss curves of its stages.
/// </summary>
public sealed record RunData(string Root, string Label, JsonField Results, string? ConfigYaml, IReadOnlyList<LossCurve> LossCurves)
{
    /// <summary>Loads a run; a missing folder is an error, missing files are simply absent sections.</summary>
    public static RunData Load(string runDir, string label)
    {
        var root = Path.GetFullPath(runDir);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{runDir}: no such run directory");
        var resultsPath = Path.Combine(root, "results.json");
        var results = new JsonField(null, resultsPath, "");
        if (File.Exists(resultsPath))
        {
            try
            {
                results = new JsonField(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(resultsPath)), resultsPath, "");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidDataException($"{resultsPath}: not valid JSON ({e.Message})", e);
            }
            if (!results.IsMissing && !results.IsObject) throw results.Expected("an object");
        }
        var configPath = Path.Combine(root, "config.yaml");
        string? config = File.Exists(configPath) ? File.ReadAllText(configPath) : null;
        return new RunData(root, label, results, config, LossLogReader.ReadRun(root));
    }
}
