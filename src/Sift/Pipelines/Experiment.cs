using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods;
using Sift.Methods.Dmt;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
using Sift.Pipelines.Stages;
using Sift.Runs;
using Sift.Text;
using Sift.Training;

namespace Sift.Pipelines;

/// <summary>
/// The experiment behind `sift demo` and `sift run`: a list of stages run for every seed — SFT model A
/// (<see cref="SftSeedStage"/>), RFT and RFT-U (Yuan et al. 2023, <see cref="RftStage"/>), ReST-EM
/// (Singh et al. 2023, <see cref="RestEmStage"/>), the evaluator with re-ranking and multi-task
/// fine-tuning (Liu et al. 2023, <see cref="Methods.Evaluator.RerankStage"/>, <see cref="MultitaskStage"/>) — each
/// skippable on its own, then the opt-in data-composition study (Dong et al. 2023) over the same seeds,
/// and report.html. Every stage writes into the run directory and is skipped when its output is already
/// there, so a killed experiment resumes where it stopped (training itself resumes from its last checkpoint).
/// </summary>
public sealed class Experiment(ExperimentOptions options, RunDirectory run, IProgressReporter? reporter = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;

    public ExperimentOptions Options { get; } = options;

    public RunDirectory Run { get; } = run;

    /// <summary>The per-seed stages, in order.</summary>
    public static IReadOnlyList<IExperimentStage> Stages { get; } =
        [new SftSeedStage(), new RftSeedStage(), new RestEmSeedStage(), new RerankSeedStage(), new MultitaskSeedStage()];

    /// <summary>Loads or generates the train, test and validation problems.</summary>
    public ExperimentData LoadData()
    {
        var d = Options.Data;
        IReadOnlyList<MathProblem> train, test, validation;
        if (d.TrainPath is not null || d.TestPath is not null)
        {
            if (d.TrainPath is null || d.TestPath is null) throw new ArgumentException("data: give both train and test files, or neither (the embedded task)");
            train = ReadFile(d.TrainPath, d);
            test = ReadFile(d.TestPath, d);
            train = ProblemDeduplicator.Except(ProblemDeduplicator.Deduplicate(train, out _), test);
            if (d.TrainLimit > 0) train = train.Take(d.TrainLimit).ToArray();
            // The validation split comes out of the training problems (never the test set).
            int v = Math.Min(d.Validation, train.Count / 2);
            validation = train.Skip(train.Count - v).ToArray();
            train = train.Take(train.Count - v).ToArray();
        }
        else
        {
            (train, test, validation) = SyntheticMathTask.TrainTestValidation(d.Synth.Seed, d.SynthTrain, d.SynthTest, d.Validation, d.Synth);
            if (d.TrainLimit > 0) train = train.Take(d.TrainLimit).ToArray();
        }
        if (d.TestLimit > 0) test = test.Take(d.TestLimit).ToArray();
        return new ExperimentData(train, test, validation);
    }

    private IReadOnlyList<MathProblem> ReadFile(string path, DataOptions d)
    {
        var map = d.Fields is null ? FieldMap.DetectFile(path) : FieldMap.ByName(d.Fields);
        var result = JsonlDataset.Read(path, map, d.SkipInvalid);
        if (result.SkipSummary is { } skipped) _report.Info($"{path}: {skipped}");
        return result.Problems;
    }

    /// <summary>The settings every method of this experiment shares.</summary>
    public SharedSettings Shared() => new()
    {
        Template = PromptTemplate.ByName(Options.Template),
        Sft = Options.Sft,
        Eval = Options.Eval.WithLimits(Options.MaxNewTokens, Options.SampleBatch),
        MaxNewTokens = Options.MaxNewTokens,
        SampleBatch = Options.SampleBatch,
    };

    /// <summary>Runs every seed and writes <c>results.json</c>.</summary>
    public ExperimentResults Execute(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var shared = Shared();
        _report.Stage("data");
        var data = LoadData();
        var dataDir = Path.Combine(Run.Root, "data");
        Directory.CreateDirectory(dataDir);
        if (!File.Exists(Path.Combine(dataDir, "test.jsonl")))
        {
            JsonlDataset.WriteGsm8k(Path.Combine(dataDir, "train.jsonl"), data.Train);
            JsonlDataset.WriteGsm8k(Path.Combine(dataDir, "test.jsonl"), data.Test);
            JsonlDataset.WriteGsm8k(Path.Combine(dataDir, "validation.jsonl"), data.Validation);
        }
        _report.Info($"{data.Train.Count} training problems, {data.Test.Count} test problems, {data.Validation.Count} validation problems");
        var tokenizer = LoadOrTrainTokenizer(data.Train, shared.Template);
        using (var log = Run.OpenLog())
        {
            log.Write("experiment_start", new JsonObject { ["train"] = data.Train.Count, ["test"] = data.Test.Count, ["validation"] = data.Validation.Count, ["vocab"] = tokenizer.VocabSize, ["seeds"] = string.Join(",", Options.Seeds) });
        }

        var seeds = new List<SeedState>();
        foreach (var seed in Options.Seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            seeds.Add(RunSeed(seed, data, tokenizer, shared, cancellationToken));
        }
        var results = Collect(seeds, data.Test.Count, clock);
        if (Options.Dmt.Enabled)
        {
            var sections = new Dictionary<string, JsonObject>(results.Sections, StringComparer.Ordinal) { ["dmt"] = RunDmt(cancellationToken) };
            results = results with { Sections = sections, Seconds = clock.Elapsed.TotalSeconds };
        }
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

    private SeedState RunSeed(int seed, ExperimentData data, BpeTokenizer tokenizer, SharedSettings shared, CancellationToken ct)
    {
        var state = new SeedState
        {
            Options = Options,
            Shared = shared,
            Seed = seed,
            Run = Run.Child($"seed-{seed}"),
            Tokenizer = tokenizer,
            Train = data.Train,
            Test = data.Test,
            SftPairs = data.Train.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray(),
            HeldOut = data.Validation.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray(),
            ConfigA = Options.Model.ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId),
            ConfigB = (Options.ModelB ?? Options.Model).ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId),
            Reporter = _report,
        };
        foreach (var stage in Stages)
        {
            if (!stage.IsEnabled(Options)) continue;
            if (stage.Blocker(state) is { } why)
            {
                _report.Info($"seed {seed}: {stage.Name} skipped: {why}");
                continue;
            }
            ct.ThrowIfCancellationRequested();
            stage.Run(state, ct);
        }
        return state;
    }

    /// <summary>The results table and sections (means over seeds with per_seed) from every seed's typed stage results.</summary>
    private ExperimentResults Collect(IReadOnlyList<SeedState> seeds, int testCount, Stopwatch clock)
    {
        int k = Options.Eval.K;
        var rows = new List<ResultRow> { new("SFT", k, seeds.Select(s => s.Sft!).ToArray()) };
        var rft = seeds.Where(s => s.Rft is not null).Select(s => s.Rft!).ToArray();
        if (rft.Length > 0) rows.Add(new($"RFT k={Options.Rft.K}", k, rft.Select(r => r.Rft).ToArray()));
        var union = rft.Where(r => r.Union is not null).Select(r => r.Union!).ToArray();
        if (union.Length > 0) rows.Add(new($"RFT-union k={Options.Rft.K}", k, union));
        var growthRows = new List<PathGrowthRow>();
        if (rft.Length > 0)
        {
            foreach (var point in rft[0].GrowthA)
            {
                var atK = rft.Select(g => g.GrowthA.First(p => p.K == point.K)).ToArray();
                var unionAtK = rft.Where(g => g.GrowthU is not null).Select(g => g.GrowthU!.First(p => p.K == point.K)).ToArray();
                growthRows.Add(new PathGrowthRow(point.K,
                    atK.Average(p => p.Statistics.MeanPathsPerProblem),
                    atK.Average(p => p.Statistics.ProblemCount == 0 ? 0 : (double)p.Statistics.ProblemsCovered / p.Statistics.ProblemCount),
                    atK.Average(p => p.PassAtK),
                    unionAtK.Length == 0 ? double.NaN : unionAtK.Average(p => p.Statistics.MeanPathsPerProblem)));
            }
        }
        var sections = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Section(string name, Func<SeedState, JsonObject?> pick)
        {
            var perSeed = seeds.Select(s => (s.Seed, Result: pick(s))).Where(p => p.Result is not null).Select(p => (p.Seed, p.Result!)).ToList();
            if (perSeed.Count > 0) sections[name] = SeedMean.WithPerSeed(perSeed);
        }
        Section("restem", s => s.RestEm is { } r ? RestEmStage.ToJson(r) : null);
        Section("rerank", s => s.Rerank);
        Section("multitask", s => s.Multitask is { } m ? MultitaskStage.ToJson(m) : null);
        return new ExperimentResults(rows, Options.Seeds, testCount, Options.Rft.K, growthRows, clock.Elapsed.TotalSeconds) { Sections = sections };
    }

    /// <summary>The data-composition study over the experiment's seeds, in <c>dmt/</c> (resumable stage by stage).</summary>
    private JsonObject RunDmt(CancellationToken ct)
    {
        var settings = Options.DmtSettings();
        var options = settings.Dmt;
        _report.Stage($"data composition: {string.Join(", ", options.Sources.Select(s => s.Name))} under {options.Strategies.Count} strategies, seeds {string.Join(",", settings.Seeds)}");
        var results = DmtExperiment.Run(settings, AbilityRegistry.Default().CreateAll(options), Run.Child("dmt"), _report, ct);
        _report.Info(results.ToTable());
        return results.ToJson();
    }

    private BpeTokenizer LoadOrTrainTokenizer(IReadOnlyList<MathProblem> train, PromptTemplate template)
    {
        // A given tokenizer is used as it is (and saved in every checkpoint); nothing is written beside the run.
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
}
