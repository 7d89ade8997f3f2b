using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Reports.Charts;

namespace Sift.Reports;

/// <summary>
/// Finds every <c>log.jsonl</c> under a run (nested stages included, checkpoints and samples
/// skipped) and reads its loss curve: <c>{"event": "train", "step", "loss"}</c> and
/// <c>{"event": "eval", "step", "eval_loss"}</c> records (Sift.Runs.MetricsLog, SftTrainer). Other
/// events are ignored; a torn last line (a killed run) is skipped; any other bad line is an error
/// naming the file, line and field. A resumed run logs some steps twice: the last record wins.
/// </summary>
public static class LossLogReader
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "checkpoints", "samples" };

    /// <summary>The curves of a run with at least one train or eval point, ordered by relative path (ordinal).</summary>
    public static IReadOnlyList<LossCurve> ReadRun(string runRoot)
    {
        var curves = new List<LossCurve>();
        foreach (var file in FindLogs(runRoot))
        {
            var rel = Path.GetRelativePath(runRoot, Path.GetDirectoryName(file)!).Replace('\\', '/');
            var curve = Read(file, rel);
            if (curve.Train.Count > 0 || curve.HeldOut.Count > 0) curves.Add(curve);
        }
        return curves;
    }

    /// <summary>Every log.jsonl under <paramref name="runRoot"/>, sorted ordinally by path.</summary>
    public static IReadOnlyList<string> FindLogs(string runRoot)
    {
        var found = new List<string>();
        void Walk(string dir, int depth)
        {
            var log = Path.Combine(dir, "log.jsonl");
            if (File.Exists(log)) found.Add(log);
            if (depth >= 8) return;
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var info = new DirectoryInfo(sub);
                // Symlinked folders could loop or leave the run; checkpoints and samples hold no logs.
                if (info.LinkTarget is not null || SkippedFolders.Contains(info.Name)) continue;
                Walk(sub, depth + 1);
            }
        }
        Walk(runRoot, 0);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Reads one log's curve.</summary>
    public static LossCurve Read(string path, string relativePath)
    {
        var train = new SortedDictionary<double, double>();
        var heldOut = new SortedDictionary<double, double>();
        var lines = File.ReadAllLines(path);
        int last = lines.Length - 1;
        while (last >= 0 && string.IsNullOrWhiteSpace(lines[last])) last--;
        for (int i = 0; i <= last; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            string where = $"{path}:{i + 1}";
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(lines[i]);
            }
            catch (JsonException e)
            {
                if (i == last) break; // a torn final line from a kill
                throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e);
            }
            var record = new JsonField(node, where, "");
            if (!record.IsObject) throw record.Expected("an object");
            string? kind = record["event"].OptionalText();
            if (kind == "train")
            {
                if (record["loss"].OptionalNumber() is { } loss) train[record["step"].Number()] = loss;
            }
            else if (kind == "eval")
            {
                if (record["eval_loss"].OptionalNumber() is { } loss) heldOut[record["step"].Number()] = loss;
            }
        }
        return new LossCurve(relativePath, train.Select(p => new ChartPoint(p.Key, p.Value)).ToList(), heldOut.Select(p => new ChartPoint(p.Key, p.Value)).ToList());
    }
}
