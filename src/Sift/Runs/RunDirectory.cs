using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Runs;

/// <summary>
/// The directory every command that trains, samples or evaluates writes (DESIGN.md, "Run
/// directory"): the resolved <c>config.yaml</c>, <c>log.jsonl</c> (metrics per step),
/// <c>checkpoints/</c>, <c>samples/</c> and <c>results.json</c>. A run can be resumed from it alone.
/// </summary>
public sealed class RunDirectory
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private RunDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string ConfigPath => Path.Combine(Root, "config.yaml");
    public string LogPath => Path.Combine(Root, "log.jsonl");
    public string ResultsPath => Path.Combine(Root, "results.json");
    public string CheckpointsDir => Path.Combine(Root, "checkpoints");
    public string SamplesDir => Path.Combine(Root, "samples");

    /// <summary>Opens (creating when missing) a run directory and its standard sub-folders.</summary>
    public static RunDirectory Open(string root)
    {
        var run = new RunDirectory(root);
        Directory.CreateDirectory(run.Root);
        Directory.CreateDirectory(run.CheckpointsDir);
        Directory.CreateDirectory(run.SamplesDir);
        return run;
    }

    /// <summary>A nested run (one stage of a pipeline, one seed of a demo) under this one.</summary>
    public RunDirectory Child(string name) => Open(Path.Combine(Root, name));

    /// <summary>Path of a file under <c>samples/</c>.</summary>
    public string SamplesFile(string name) => Path.Combine(SamplesDir, name);

    /// <summary>Path of a checkpoint directory under <c>checkpoints/</c>.</summary>
    public string CheckpointDir(string name) => Path.Combine(CheckpointsDir, name);

    /// <summary>Writes the resolved configuration, atomically.</summary>
    public void WriteConfig(string yaml) => AtomicFile.WriteAllText(ConfigPath, yaml);

    /// <summary>
    /// Writes <c>results.json</c>, atomically, with a top-level "environment" object
    /// (<see cref="RunEnvironment.ToJson"/>) after the caller's keys, which are written unchanged
    /// (the caller's node is not modified).
    /// </summary>
    public void WriteResults(JsonNode results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var written = results;
        if (results is JsonObject obj)
        {
            var copy = obj.DeepClone().AsObject();
            copy.Remove("environment"); // a rewritten file records the environment of this write
            copy["environment"] = RunEnvironment.Capture().ToJson();
            written = copy;
        }
        AtomicFile.WriteAllText(ResultsPath, written.ToJsonString(Indented) + "\n");
    }

    /// <summary>Reads <c>results.json</c>, or null when the run has not written it yet.</summary>
    public JsonNode? ReadResults()
    {
        if (!File.Exists(ResultsPath)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(ResultsPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ResultsPath}: not valid JSON ({e.Message}); delete it to recompute the results", e);
        }
    }

    /// <summary>Opens the metrics log for appending.</summary>
    public MetricsLog OpenLog() => new(LogPath);
}
