using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Model;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;
using Sift.Training;
using Sift.Model.Sampling;

namespace Sift.Methods.Dmt;

/// <summary>
/// The data-composition experiment of Dong et al. 2023 ("How abilities in large language models are
/// affected by supervised fine-tuning data composition", §3–4) in miniature: for every seed and
/// strategy, SFT stage by stage (each stage continuing from the previous one's weights) and every
/// ability scored after each stage. All strategies of a seed start from the same initial weights and
/// one BPE tokenizer trained on every source. A stage's training is identified by a key of everything
/// it depends on (the previous stage's key, the mixture's texts, epochs, SFT settings, model shape,
/// tokenizer), so identical stages — stage 1 of mixed sequential and DMT — are trained once and
/// shared; a stage whose final model and scores exist is skipped, and an interrupted one resumes
/// from its last checkpoint.
/// </summary>
public static class DmtExperiment
{
    /// <summary>
    /// Runs every seed and strategy of <paramref name="settings"/> on <paramref name="abilities"/> (each
    /// source names one of them; every ability is scored, trained on or not) and writes
    /// <c>results.json</c> (<c>{"dmt": <see cref="DmtResults.ToJson"/>}</c>) into <paramref name="run"/>.
    /// </summary>
    public static DmtResults Run(DmtSettings settings, IReadOnlyList<AbilityTask> abilities, RunDirectory run, IProgressReporter? reporter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(abilities);
        ArgumentNullException.ThrowIfNull(run);
        var report = reporter ?? IProgressReporter.Silent;
        var clock = Stopwatch.StartNew();
        var byName = abilities.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var options = settings.Dmt;
        foreach (var s in options.Sources)
        {
            if (!byName.ContainsKey(s.Name)) throw new ArgumentException($"source '{s.Name}' has no ability task (given: {string.Join(", ", abilities.Select(a => a.Name))})");
        }
        if (settings.Seeds.Count == 0) throw new ArgumentException("at least one seed is needed");
        var template = settings.Template;
        var tokenizer = LoadOrTrainTokenizer(settings, abilities, template, run, report);
        var tokenizerHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tokenizer.ToJson())));
        var counts = options.Sources.Select(s => (s.Name, Count: s.Resolve(byName[s.Name].Train.Count))).ToArray();
        var plans = options.Strategies.Select(p => (p.Strategy, Stages: MixturePlanner.Plan(p.Strategy, counts, options.GeneralSource, options.K, settings.EpochsOf(p)))).ToArray();
        report.Info("sources: " + string.Join(", ", counts.Select(c => $"{c.Name} {c.Count} of {byName[c.Name].Train.Count} (test {byName[c.Name].Test.Count})")));

        var runs = plans.ToDictionary(p => p.Strategy, _ => new List<StrategySeedRun>());
        foreach (var seed in settings.Seeds)
        {
            var seedRun = run.Child($"seed-{seed}");
            var order = options.Sources.ToDictionary(s => s.Name, s => SeededOrder(byName[s.Name].Train, SeedDerivation.DeriveSeed(seed, "mix/" + s.Name)), StringComparer.Ordinal);
            var ctx = new SeedContext(settings, abilities, seed, seedRun, tokenizer, tokenizerHash, template, order, report);
            foreach (var (strategy, stages) in plans)
            {
                runs[strategy].Add(new StrategySeedRun(seed, RunStrategy(ctx, strategy, stages, cancellationToken)));
            }
        }
        var results = new DmtResults(options.K, abilities.Select(a => a.Name).ToArray(), settings.Seeds.ToArray(),
            plans.Select(p => new StrategyResult(p.Strategy, runs[p.Strategy])).ToArray(), clock.Elapsed.TotalSeconds);
        run.WriteResults(new JsonObject { ["dmt"] = results.ToJson() });
        return results;
    }

    private sealed record SeedContext(DmtSettings Settings, IReadOnlyList<AbilityTask> Abilities, int Seed, RunDirectory SeedRun, BpeTokenizer Tokenizer, string TokenizerHash, PromptTemplate Template, IReadOnlyDictionary<string, MathProblem[]> Order, IProgressReporter Report);

    private static List<StageScore> RunStrategy(SeedContext c, MixtureStrategy strategy, IReadOnlyList<MixtureStage> stages, CancellationToken ct)
    {
        var scores = new List<StageScore>(stages.Count);
        string? parentKey = null;
        ulong initSeed = SeedDerivation.DeriveSeed(c.Seed, "dmt/init");
        // Stages train by epochs (steps would override them) and have no held-out set to evaluate.
        var sft = c.Settings.Sft with { MaxSteps = 0, EvalEvery = 0, Seed = SeedDerivation.DeriveSeed(c.Seed, "dmt/sft") };
        for (int i = 0; i < stages.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var stage = stages[i];
            var pairs = stage.Parts.SelectMany(p => c.Order[p.Source].Take(p.Count)).Select(p => (p.Question, p.Solution)).ToArray();
            var options = sft with { Epochs = stage.Epochs };
            var key = StageKey(parentKey, initSeed, c, options, pairs);
            var dir = RunDirectory.Open(Path.Combine(c.SeedRun.Root, "stages", key));
            var label = string.Create(CultureInfo.InvariantCulture, $"seed {c.Seed}: {MixtureStrategies.Name(strategy)} stage {i + 1}/{stages.Count} [{stage.Name}]");
            var stageScores = TrainAndScore(c, dir, label, parentKey is null ? null : Path.Combine(c.SeedRun.Root, "stages", parentKey, "checkpoints", "final"), initSeed, stage, pairs, options, ct);
            scores.Add(new StageScore(stage.Name, key, pairs.Length, stage.Epochs, stageScores));
            parentKey = key;
        }
        return scores;
    }

    private static IReadOnlyDictionary<string, double> TrainAndScore(SeedContext c, RunDirectory dir, string label, string? baseModelDir, ulong initSeed, MixtureStage stage, (string, string)[] pairs, SftOptions options, CancellationToken ct)
    {
        var scoresPath = Path.Combine(dir.Root, "scores.json");
        var finalDir = dir.CheckpointDir("final");
        if (SavedModel.IsComplete(finalDir) && ReadScores(scoresPath, c.Abilities) is { } cached)
        {
            c.Report.Info($"{label}: done before (shared) — {Describe(cached)}");
            return cached;
        }
        TransformerModel model;
        if (SavedModel.IsComplete(finalDir))
        {
            (model, _) = SavedModel.Load(finalDir);
        }
        else
        {
            c.Report.Stage($"{label} ({pairs.Length} examples, {stage.Epochs.ToString(CultureInfo.InvariantCulture)} epochs)");
            var config = c.Settings.Model.ToConfig(c.Tokenizer.VocabSize, c.Tokenizer.BosId, c.Tokenizer.EosId);
            SftResult result;
            (model, result) = SftJob.Train(dir, config, initSeed, baseModelDir, c.Tokenizer, c.Template, pairs, [], options, c.Report.Training(label), null, ct);
            if (!result.Completed)
            {
                model.Dispose();
                throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same run directory to resume");
            }
            c.Report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} steps, loss {2:F3}, {3:F0} tokens/s, {4:F1} s", label, result.Steps, result.FinalLoss, result.TokensPerSecond, result.Elapsed.TotalSeconds));
        }
        using (model)
        {
            var scores = AbilityEvaluator.Score(model, c.Tokenizer, c.Template, c.Abilities, c.Settings.MaxNewTokens, c.Settings.SampleBatch, c.Report.Sampling(label), ct);
            var json = new JsonObject { ["stage"] = stage.Name, ["examples"] = pairs.Length, ["epochs"] = stage.Epochs };
            var scoreJson = new JsonObject();
            foreach (var (k, v) in scores) scoreJson[k] = v;
            json["scores"] = scoreJson;
            Sift.IO.AtomicFile.WriteJson(scoresPath, json);
            c.Report.Info($"{label}: {Describe(scores)}");
            return scores;
        }
    }

    private static Dictionary<string, double>? ReadScores(string path, IReadOnlyList<AbilityTask> abilities)
    {
        if (!File.Exists(path)) return null;
        if (JsonNode.Parse(File.ReadAllText(path))?["scores"] is not JsonObject scores) return null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in abilities)
        {
            // An ability added since the stage was scored: score the saved model again.
            if (scores[a.Name] is not JsonValue v) return null;
            result[a.Name] = v.GetValue<double>();
        }
        return result;
    }

    private static string Describe(IReadOnlyDictionary<string, double> scores) =>
        string.Join(", ", scores.Select(kv => string.Format(CultureInfo.InvariantCulture, "{0} {1:P1}", kv.Key, kv.Value)));

    /// <summary>The source's training problems in a seeded order; a stage takes the first n (DMT's k-fraction is a prefix of the stage-1 data).</summary>
    private static MathProblem[] SeededOrder(IReadOnlyList<MathProblem> train, ulong seed)
    {
        var items = train.ToArray();
        new SplitMix64(seed).Shuffle(items);
        return items;
    }

    /// <summary>SHA-256 of everything a stage's trained weights depend on (16 hex digits).</summary>
    private static string StageKey(string? parentKey, ulong initSeed, SeedContext c, SftOptions o, (string Question, string Response)[] pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s));
            hash.AppendData([0]);
        }
        Add(parentKey ?? string.Create(CultureInfo.InvariantCulture, $"init:{initSeed}:{c.Settings.Model}"));
        Add(c.TokenizerHash);
        Add(c.Template.Name);
        Add(string.Create(CultureInfo.InvariantCulture, $"{o.Epochs:R}|{o.BatchSize}|{o.BucketWindow}|{o.LearningRate:R}|{o.MinLearningRateRatio:R}|{o.WarmupFraction:R}|{o.WeightDecay:R}|{o.MaxGradNorm:R}|{o.Seed}"));
        foreach (var (q, r) in pairs)
        {
            Add(q);
            Add(r);
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static BpeTokenizer LoadOrTrainTokenizer(DmtSettings settings, IReadOnlyList<AbilityTask> abilities, PromptTemplate template, RunDirectory run, IProgressReporter report)
    {
        var path = Path.Combine(run.Root, "tokenizer.json");
        if (File.Exists(path)) return BpeTokenizer.Load(path);
        report.Stage($"tokenizer (BPE, {settings.VocabSize} tokens, every source's training texts)");
        var tokenizer = TokenizerTraining.OnProblems(abilities.SelectMany(a => a.Train), template, settings.VocabSize);
        tokenizer.Save(path);
        return tokenizer;
    }
}
