using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods.Dmt;
using Sift.Methods.Rft;
using Sift.Model;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;
using Sift.Training;
using Sift.Inference;
using Sift.Model.Sampling;

namespace Sift.Pipelines;

/// <summary>
/// The experiment behind `sift demo` and `sift run`: every method in miniature. Per seed: the RFT
/// experiment of Yuan et al. 2023 (SFT model A and B, differently seeded or sized; k samples per
/// training problem from each at T = 0.7; the RFT set from A and the RFT-U set from A ∪ B, each
/// fine-tuned from the base model, A's initial weights; every model evaluated greedy and maj1@k on the
/// held-out test set), then from model A: ReST-EM (<see cref="RestEmStage"/>), the evaluator with
/// re-ranking and multi-task fine-tuning (<see cref="RerankStage"/>). After the seeds: the
/// data-composition study over the same seeds, and report.html. Every stage writes into the run
/// directory and is skipped when its output is already there, so a killed experiment resumes where it
/// stopped (training itself resumes from its last checkpoint).
/// </summary>
public sealed class Experiment(ExperimentOptions options, RunDirectory run, IProgressReporter? reporter = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;

    public ExperimentOptions Options { get; } = options;

    public RunDirectory Run { get; } = run;

    /// <summary>Loads or generates the train and test problems.</summary>
    public (IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test) LoadData()
    {
        var d = Options.Data;
        IReadOnlyList<MathProblem> train, test;
        if (d.TrainPath is not null || d.TestPath is not null)
        {
            if (d.TrainPath is null || d.TestPath is null) throw new ArgumentException("data: give both train and test files, or neither (the embedded task)");
            train = ReadFile(d.TrainPath, d);
            test = ReadFile(d.TestPath, d);
            train = ProblemDeduplicator.Except(ProblemDeduplicator.Deduplicate(train, out _), test);
        }
        else
        {
            var split = SyntheticMathTask.TrainTest(d.Synth.Seed, d.SynthTrain, d.SynthTest, d.Synth);
            (train, test) = (split.Train, split.Test);
        }
        if (d.TrainLimit > 0) train = train.Take(d.TrainLimit).ToArray();
        if (d.TestLimit > 0) test = test.Take(d.TestLimit).ToArray();
        return (train, test);
    }

    private IReadOnlyList<MathProblem> ReadFile(string path, DataOptions d)
    {
        var map = d.Fields is null ? FieldMap.DetectFile(path) : FieldMap.ByName(d.Fields);
        var result = JsonlDataset.Read(path, map, d.SkipInvalid);
        if (result.SkipSummary is { } skipped) _report.Info($"{path}: {skipped}");
        return result.Problems;
    }

    /// <summary>Runs every seed and writes <c>results.json</c>.</summary>
    public ExperimentResults Execute(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var template = PromptTemplate.ByName(Options.Template);
        _report.Stage("data");
        var (train, test) = LoadData();
        var dataDir = Path.Combine(Run.Root, "data");
        Directory.CreateDirectory(dataDir);
        if (!File.Exists(Path.Combine(dataDir, "test.jsonl")))
        {
            JsonlDataset.WriteGsm8k(Path.Combine(dataDir, "train.jsonl"), train);
            JsonlDataset.WriteGsm8k(Path.Combine(dataDir, "test.jsonl"), test);
        }
        _report.Info($"{train.Count} training problems, {test.Count} test problems");
        var tokenizer = LoadOrTrainTokenizer(train, template);
        using (var log = Run.OpenLog())
        {
            log.Write("experiment_start", new JsonObject { ["train"] = train.Count, ["test"] = test.Count, ["vocab"] = tokenizer.VocabSize, ["seeds"] = string.Join(",", Options.Seeds) });
        }

        var sftRows = new List<SeedScore>();
        var rftRows = new List<SeedScore>();
        var unionRows = new List<SeedScore>();
        var growth = new List<(IReadOnlyList<RftGrowthPoint> A, IReadOnlyList<RftGrowthPoint>? U)>();
        var sections = new Dictionary<string, List<(int Seed, JsonObject Result)>>(StringComparer.Ordinal);
        foreach (var seed in Options.Seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = RunSeed(seed, train, test, tokenizer, template, cancellationToken);
            sftRows.Add(r.Sft);
            if (r.Rft is not null) rftRows.Add(r.Rft);
            if (r.Union is not null) unionRows.Add(r.Union);
            if (r.GrowthA is not null) growth.Add((r.GrowthA, r.GrowthU));
            foreach (var (name, result) in r.Sections)
            {
                if (!sections.TryGetValue(name, out var list)) sections[name] = list = [];
                list.Add((seed, result));
            }
        }
        int k = Options.Eval.K;
        var rows = new List<ResultRow> { new("SFT", k, sftRows) };
        if (rftRows.Count > 0) rows.Add(new($"RFT k={Options.Rft.K}", k, rftRows));
        if (unionRows.Count > 0) rows.Add(new($"RFT-union k={Options.Rft.K}", k, unionRows));
        var growthRows = new List<PathGrowthRow>();
        if (growth.Count > 0)
        {
            foreach (var point in growth[0].A)
            {
                var atK = growth.Select(g => g.A.First(p => p.K == point.K)).ToArray();
                var union = growth.Where(g => g.U is not null).Select(g => g.U!.First(p => p.K == point.K)).ToArray();
                growthRows.Add(new PathGrowthRow(point.K,
                    atK.Average(p => p.Statistics.MeanPathsPerProblem),
                    atK.Average(p => p.Statistics.ProblemCount == 0 ? 0 : (double)p.Statistics.ProblemsCovered / p.Statistics.ProblemCount),
                    atK.Average(p => p.PassAtK),
                    union.Length == 0 ? double.NaN : union.Average(p => p.Statistics.MeanPathsPerProblem)));
            }
        }
        var means = sections.ToDictionary(p => p.Key, p => SeedMean.WithPerSeed(p.Value), StringComparer.Ordinal);
        if (Options.DmtEnabled) means["dmt"] = RunDmt(cancellationToken);
        var results = new ExperimentResults(rows, Options.Seeds, test.Count, Options.Rft.K, growthRows, clock.Elapsed.TotalSeconds) { Sections = means };
        Run.WriteResults(results.ToJson());
        // The run ends with its self-contained HTML report (tables and charts of everything above).
        var report = Sift.Reports.ReportWriter.Write([Run.Root], Path.Combine(Run.Root, "report.html"));
        _report.Info($"report: {report}");
        using (var log = Run.OpenLog())
        {
            log.Write("experiment_end", new JsonObject { ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1) });
        }
        return results;
    }

    /// <summary>The data-composition study over the experiment's seeds, in <c>dmt/</c> (resumable stage by stage).</summary>
    private JsonObject RunDmt(CancellationToken ct)
    {
        var known = AbilityRegistry.Default();
        var options = (Options.DmtConfigPath is { } path ? DmtConfig.Load(path, known.Names) : new DmtOptions()) with { Seeds = Options.Seeds };
        _report.Stage($"data composition: {string.Join(", ", options.Sources.Select(s => s.Name))} under {options.Strategies.Count} strategies, seeds {string.Join(",", options.Seeds)}");
        var results = DmtExperiment.Run(options, known.CreateAll(options), Run.Child("dmt"), _report, ct);
        _report.Info(results.ToTable());
        return results.ToJson();
    }

    private BpeTokenizer LoadOrTrainTokenizer(IReadOnlyList<MathProblem> train, PromptTemplate template)
    {
        if (Options.TokenizerPath is not null) return BpeTokenizer.Load(Options.TokenizerPath);
        var path = Path.Combine(Run.Root, "tokenizer.json");
        if (File.Exists(path)) return BpeTokenizer.Load(path);
        _report.Stage($"tokenizer (BPE, {Options.VocabSize} tokens)");
        var clock = Stopwatch.StartNew();
        var tokenizer = TokenizerTraining.OnProblems(train, template, Options.VocabSize);
        tokenizer.Save(path);
        _report.Info(string.Format(CultureInfo.InvariantCulture, "trained a {0}-token BPE tokenizer in {1:F1} s", tokenizer.VocabSize, clock.Elapsed.TotalSeconds));
        return tokenizer;
    }

    private sealed record SeedOutcome(SeedScore Sft, SeedScore? Rft, SeedScore? Union, IReadOnlyList<RftGrowthPoint>? GrowthA, IReadOnlyList<RftGrowthPoint>? GrowthU)
    {
        /// <summary>The seed's results of the later methods, by results.json key ("restem", "rerank", ...).</summary>
        public Dictionary<string, JsonObject> Sections { get; } = new(StringComparer.Ordinal);
    }

    private SeedOutcome RunSeed(int seed, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, BpeTokenizer tokenizer, PromptTemplate template, CancellationToken ct)
    {
        var seedRun = Run.Child($"seed-{seed}");
        var configA = Options.Model.ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId);
        var configB = (Options.ModelB ?? Options.Model).ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId);
        ulong initA = SeedDerivation.DeriveSeed(seed, "init/a");
        ulong initB = SeedDerivation.DeriveSeed(seed, "init/b");
        var sftPairs = train.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
        var heldOut = test.Take(256).Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();

        // SFT model A: the SFT row, and the sampler of RFT.
        var sftA = seedRun.Child("sft-a");
        SeedScore sftScore;
        GradedProblem[]? samplesA = null, samplesB = null;
        {
            var (model, _) = TrainStage(sftA, $"seed {seed}: SFT model A", configA, initA, sftPairs, heldOut, Options.Sft with { Seed = SeedDerivation.DeriveSeed(seed, "sft/a") }, ct);
            using (model)
            {
                sftScore = Evaluate(sftA, $"seed {seed}: evaluate SFT", model, tokenizer, template, test, seed, ct);
                if (Options.Rft.Enabled) samplesA = SampleTrain(seedRun, "sft-a", model, tokenizer, template, train, SeedDerivation.DeriveSeed(seed, "rft-samples/a"), ct);
            }
        }
        if (!Options.Rft.Enabled) return WithLaterStages(new SeedOutcome(sftScore, null, null, null, null), seed, seedRun, sftA, null, train, test, template, ct);

        if (Options.Rft.Union)
        {
            var sftB = seedRun.Child("sft-b");
            var (model, _) = TrainStage(sftB, $"seed {seed}: SFT model B", configB, initB, sftPairs, heldOut, Options.Sft with { Seed = SeedDerivation.DeriveSeed(seed, "sft/b") }, ct);
            using (model)
            {
                samplesB = SampleTrain(seedRun, "sft-b", model, tokenizer, template, train, SeedDerivation.DeriveSeed(seed, "rft-samples/b"), ct);
            }
        }

        var rftOptions = new RftOptions { CheckAnnotations = Options.Rft.CheckAnnotations };
        var rftTraining = Options.Rft.Training ?? Options.Sft;
        var dataA = RftDatasetBuilder.Build(train, [samplesA!], rftOptions);
        _report.Info($"seed {seed}: RFT set: {dataA.Summary()}");
        var rftScore = TrainAndEvaluateRft(seedRun.Child("rft"), $"seed {seed}: RFT k={Options.Rft.K}", dataA, configA, initA, heldOut, rftTraining with { Seed = SeedDerivation.DeriveSeed(seed, "rft/a") }, tokenizer, template, test, seed, ct);
        SeedScore? unionScore = null;
        RftDataset? dataU = null;
        if (samplesB is not null)
        {
            dataU = RftDatasetBuilder.Build(train, [samplesA!, samplesB], rftOptions);
            _report.Info($"seed {seed}: RFT-U set: {dataU.Summary()}");
            unionScore = TrainAndEvaluateRft(seedRun.Child("rft-union"), $"seed {seed}: RFT-union k={Options.Rft.K}", dataU, configA, initA, heldOut, rftTraining with { Seed = SeedDerivation.DeriveSeed(seed, "rft/union") }, tokenizer, template, test, seed, ct);
        }
        return WithLaterStages(new SeedOutcome(sftScore, rftScore, unionScore, dataA.Growth, dataU?.Growth), seed, seedRun, sftA, samplesA, train, test, template, ct);
    }

    /// <summary>The methods after RFT, each from SFT model A: ReST-EM, evaluator re-ranking and multi-task fine-tuning.</summary>
    private SeedOutcome WithLaterStages(SeedOutcome outcome, int seed, RunDirectory seedRun, RunDirectory sftA, IReadOnlyList<GradedProblem>? samplesA, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, PromptTemplate template, CancellationToken ct)
    {
        if (Options.RestEm.Enabled)
        {
            outcome.Sections["restem"] = RestEmStage.Run(Options, seed, seedRun.Child("restem"), sftA, train, test, template, samplesA, _report, ct);
        }
        if (Options.Rerank.Enabled)
        {
            // The evaluator learns from model A's own graded samples of the training problems: RFT's draw.
            if (samplesA is null) _report.Info($"seed {seed}: re-ranking skipped: it trains the evaluator on RFT's samples of model A (set rft.enabled)");
            else RerankStage.Run(Options, seed, seedRun, sftA, samplesA, train, test, template, outcome.Sections, _report, ct);
        }
        return outcome;
    }

    private SeedScore TrainAndEvaluateRft(RunDirectory dir, string label, RftDataset data, ModelConfig config, ulong initSeed, IReadOnlyList<(string, string)> heldOut, SftOptions training, BpeTokenizer tokenizer, PromptTemplate template, IReadOnlyList<MathProblem> test, int seed, CancellationToken ct)
    {
        var stats = data.StatisticsJson();
        AtomicWriteJson(Path.Combine(dir.Root, "rft_stats.json"), stats);
        // Fine-tune the BASE model (the same initial weights as SFT model A), not the SFT model.
        var (model, _) = TrainStage(dir, label, config, initSeed, data.Pairs, heldOut, training, ct);
        using (model)
        {
            return Evaluate(dir, label.Replace("RFT", "evaluate RFT", StringComparison.Ordinal), model, tokenizer, template, test, seed, ct);
        }
    }

    private (TransformerModel Model, SftResult Result) TrainStage(RunDirectory dir, string label, ModelConfig config, ulong initSeed, IReadOnlyList<(string, string)> pairs, IReadOnlyList<(string, string)> heldOut, SftOptions options, CancellationToken ct)
    {
        _report.Stage($"{label} ({pairs.Count} examples)");
        var tokenizer = BpeTokenizer.Load(Path.Combine(Run.Root, "tokenizer.json"));
        var template = PromptTemplate.ByName(Options.Template);
        var (model, result) = SftJob.Train(dir, config, initSeed, null, tokenizer, template, pairs, heldOut, options, _report.Training(label), null, ct);
        if (!result.Completed)
        {
            model.Dispose();
            throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same run directory to resume");
        }
        _report.Info(result.Steps == result.ResumedFromStep
            ? string.Format(CultureInfo.InvariantCulture, "{0}: already trained ({1} steps), held-out loss {2:F3}", label, result.Steps, result.EvalLoss)
            : string.Format(CultureInfo.InvariantCulture, "{0}: {1} steps, loss {2:F3}, held-out loss {3:F3}, {4:F0} tokens/s, {5:F1} s",
                label, result.Steps, result.FinalLoss, result.EvalLoss, result.TokensPerSecond, result.Elapsed.TotalSeconds));
        return (model, result);
    }

    private GradedProblem[] SampleTrain(RunDirectory seedRun, string name, TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template, IReadOnlyList<MathProblem> train, ulong sampleSeed, CancellationToken ct)
    {
        var path = seedRun.SamplesFile($"{name}-train-k{Options.Rft.K}.jsonl");
        if (File.Exists(path)) return SampleFile.Read(path).ToArray();
        var label = $"{seedRun.Root[(Run.Root.Length + 1)..]}: sample k={Options.Rft.K} per training problem from {name}";
        _report.Stage(label);
        var clock = Stopwatch.StartNew();
        var sampler = new ProblemSampler(model, tokenizer, template);
        var settings = new SamplingSettings { K = Options.Rft.K, Temperature = Options.Rft.Temperature, MaxNewTokens = Options.MaxNewTokens, BatchSize = Options.SampleBatch, Seed = sampleSeed };
        var raw = sampler.Sample(train, settings, _report.Sampling(label), ct);
        var graded = new SampleGrader().GradeAll(raw).ToArray();
        SampleFile.Write(path, graded);
        long tokens = raw.Sum(p => p.Completions.Sum(c => (long)c.Tokens));
        double correct = graded.Sum(g => g.CorrectCount) / (double)Math.Max(1, graded.Sum(g => g.Samples.Count));
        _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} samples, {2:P1} correct, {3:F0} tokens/s, {4:F1} s", label, graded.Sum(g => g.Samples.Count), correct, tokens / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds));
        return graded;
    }

    private SeedScore Evaluate(RunDirectory dir, string label, TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template, IReadOnlyList<MathProblem> test, int seed, CancellationToken ct)
    {
        var existing = dir.ReadResults();
        if (existing?["eval"] is JsonObject done && done["greedy"] is not null)
        {
            return new SeedScore(seed, done["greedy"]!.GetValue<double>(), done["maj_k"]?.GetValue<double>());
        }
        _report.Stage(label);
        var options = Options.Eval with { Seed = SeedDerivation.DeriveSeed(seed, "eval"), MaxNewTokens = Options.MaxNewTokens, BatchSize = Options.SampleBatch };
        var runner = new EvalRunner(model, tokenizer, template);
        var report = runner.Run(test, options, dir.SamplesFile("test-eval.jsonl"), _report.Sampling(label), ct);
        dir.WriteResults(new JsonObject { ["eval"] = report.ToJson() });
        using (var log = dir.OpenLog()) log.Write("eval_test", report.ToJson());
        _report.Info($"{label}: {report.Summary()}");
        return new SeedScore(seed, report.GreedyAccuracy ?? double.NaN, report.MajorityAccuracy);
    }

    private static void AtomicWriteJson(string path, JsonNode node) =>
        Sift.IO.AtomicFile.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
}
