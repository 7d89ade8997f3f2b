using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.IO;
using Sift.Model;
using Sift.Rewards;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;
using Sift.Inference;
using Sift.Training;

namespace Sift.Methods.RestEm;

/// <summary>
/// ReST-EM (Singh et al. 2023, "Beyond Human Data: Scaling Self-Training for Problem-Solving with
/// Language Models"): expectation-maximisation over a binary reward. Each iteration's E-step samples
/// k solutions per training problem from the current model (<see cref="ProblemSampler"/>), scores them
/// with an <see cref="IReward"/> and keeps the rewarded ones, at most N per problem
/// (<see cref="EStepSelector"/>); the M-step fine-tunes the BASE model (not the previous iterate, unless
/// <see cref="RestEmOptions.ContinueFromPrevious"/>) on the kept samples alone with
/// <see cref="SftTrainer"/>. After each iteration the new model's test greedy accuracy
/// (<see cref="EvalRunner"/>) and validation reward are measured; the run stops early when the
/// validation reward has not improved for <see cref="RestEmOptions.Patience"/> iterations.
/// <para>
/// Run directory: <c>initial.json</c> (the starting model's scores), <c>iter-N/</c> with
/// <c>samples/e-step.jsonl</c> (every sample and its reward), <c>kept.jsonl</c>, <c>e_step.json</c>,
/// <c>checkpoints/last</c> (step-level resume), <c>checkpoints/final</c> (the iteration's model),
/// <c>samples/test-greedy.jsonl</c> and <c>iteration.json</c> (written last: the iteration is done), and
/// <c>results.json</c>. A rerun in the same directory skips every finished iteration and stage.
/// </para>
/// </summary>
public sealed class RestEmRunner(RestEmOptions options, IReward reward, RunDirectory run, IProgressReporter? reporter = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;

    public RestEmOptions Options { get; } = options;

    public IReward Reward { get; } = reward;

    public RunDirectory Run { get; } = run;

    /// <summary>Called with (iteration, model) just before an M-step trains: the model holds its starting weights (tests check them).</summary>
    public Action<int, TransformerModel>? MStepStarting { get; init; }

    /// <summary>The directory of iteration <paramref name="iteration"/>.</summary>
    /// <summary>
    /// Completions of the training problems already drawn from the initial model with this run's
    /// E-step settings (k, temperature, top-k), in training-problem order; iteration 1 scores these
    /// instead of sampling again. The demo passes RFT's k samples of SFT model A (the same draw).
    /// </summary>
    public IReadOnlyList<ProblemSamples>? FirstEStepSamples { get; init; }

    public string IterationDir(int iteration) => Path.Combine(Run.Root, $"iter-{iteration}");

    /// <summary>Runs (or resumes) every iteration and writes <c>results.json</c>.</summary>
    /// <param name="initialModelDir">The model the first E-step samples from (the SFT model).</param>
    /// <param name="baseModelDir">The weights every M-step starts from (null: <paramref name="initialModelDir"/>).</param>
    /// <param name="train">Training problems (only their questions and gold answers are used).</param>
    /// <param name="test">Test problems for greedy accuracy.</param>
    /// <param name="validation">Validation problems for the early-stopping reward (null or empty: no early stopping).</param>
    public RestEmResults Execute(string initialModelDir, string? baseModelDir, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, IReadOnlyList<MathProblem>? validation = null, CancellationToken cancellationToken = default)
    {
        Options.Validate();
        ArgumentNullException.ThrowIfNull(Reward);
        if (train.Count == 0) throw new ArgumentException("no training problems", nameof(train));
        validation ??= [];
        baseModelDir ??= initialModelDir;
        var tokenizer = CheckModels(initialModelDir, baseModelDir);
        var settings = new JsonObject
        {
            ["initial_model"] = Path.GetFullPath(initialModelDir),
            ["base_model"] = Path.GetFullPath(baseModelDir),
            ["reward"] = Reward.Name,
            ["iterations"] = Options.Iterations,
            ["k"] = Options.K,
            ["temperature"] = Options.Temperature,
            ["top_k"] = Options.TopK,
            ["max_per_problem"] = Options.MaxPerProblem,
            ["continue_from_previous"] = Options.ContinueFromPrevious,
            ["patience"] = Options.Patience,
            ["seed"] = Options.Seed,
            ["max_new_tokens"] = Options.MaxNewTokens,
            ["template"] = Options.Template.Name,
            ["sft"] = JsonSerializer.SerializeToNode(Options.MStepTraining),
            ["train"] = train.Count,
            ["test"] = test.Count,
            ["validation"] = validation.Count,
        };
        CheckSameSettings(settings);
        AtomicFile.WriteJson(Path.Combine(Run.Root, "restem.json"), settings);

        var (sftGreedy, sftValidation) = EvaluateInitial(initialModelDir, tokenizer, test, validation, cancellationToken);
        var iterations = new List<RestEmIteration>();
        bool earlyStopping = validation.Count > 0 && Options.Patience > 0;
        double best = sftValidation ?? double.NegativeInfinity;
        int bestIteration = 0, sinceBest = 0;
        string? stopReason = null;
        string sampler = initialModelDir;
        for (int i = 1; i <= Options.Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = LoadIteration(i) ?? RunIteration(i, sampler, baseModelDir, tokenizer, train, test, validation, cancellationToken);
            if (record is null)
            {
                stopReason = $"iteration {i}: no rewarded samples (that fit the context) to fine-tune on";
                _report.Info(stopReason);
                break;
            }
            iterations.Add(record);
            sampler = record.ModelDir;
            _report.Info(string.Format(CultureInfo.InvariantCulture, "iteration {0}: test greedy {1:P1}, train solved {2:P1}, kept {3}{4}",
                i, record.TestGreedy, record.TrainSolved, record.KeptSamples, record.ValidationReward is { } vr ? $", validation reward {vr.ToString("P1", CultureInfo.InvariantCulture)}" : ""));
            if (record.ValidationReward is { } v)
            {
                if (v > best)
                {
                    best = v;
                    bestIteration = i;
                    sinceBest = 0;
                }
                else
                {
                    sinceBest++;
                }
                if (earlyStopping && sinceBest >= Options.Patience && i < Options.Iterations)
                {
                    stopReason = $"validation reward has not improved for {sinceBest} iteration(s) (best {best.ToString("F4", CultureInfo.InvariantCulture)} at iteration {bestIteration})";
                    _report.Info($"early stop: {stopReason}");
                    break;
                }
            }
            Run.WriteResults(new RestEmResults(sftGreedy, sftValidation, iterations, validation.Count > 0 ? bestIteration : null, null).ToJson());
        }
        var results = new RestEmResults(sftGreedy, sftValidation, iterations, validation.Count > 0 ? bestIteration : null, stopReason);
        Run.WriteResults(results.ToJson());
        return results;
    }

    /// <summary>
    /// A rerun must continue the same experiment: every setting but the iteration count (which may
    /// grow to extend a run) and the patience must match the one recorded in <c>restem.json</c>.
    /// </summary>
    private void CheckSameSettings(JsonObject settings)
    {
        var path = Path.Combine(Run.Root, "restem.json");
        if (!File.Exists(path)) return;
        var previous = ReadJson(path);
        foreach (var (key, value) in settings)
        {
            if (key is "iterations" or "patience") continue;
            var before = previous[key]?.ToJsonString();
            if (before != value?.ToJsonString())
            {
                throw new ArgumentException($"{path}: this run directory was started with {key} = {before ?? "(none)"}, now {value?.ToJsonString()}; use a new --out directory or the same settings");
            }
        }
    }

    /// <summary>Loads the tokenizer of the initial model and checks the base model is compatible with it.</summary>
    private static BpeTokenizer CheckModels(string initialModelDir, string baseModelDir)
    {
        var (initial, tokenizer) = SavedModel.Load(initialModelDir);
        using (initial)
        {
            if (Path.GetFullPath(baseModelDir) == Path.GetFullPath(initialModelDir)) return tokenizer;
            var (baseModel, baseTokenizer) = SavedModel.Load(baseModelDir);
            using (baseModel)
            {
                if (baseModel.Config != initial.Config) throw new ArgumentException($"{baseModelDir}: the base model's config differs from {initialModelDir}'s");
                if (baseTokenizer.ToJson() != tokenizer.ToJson()) throw new ArgumentException($"{baseModelDir}: the base model's tokenizer differs from {initialModelDir}'s");
            }
        }
        return tokenizer;
    }

    private (double Greedy, double? Validation) EvaluateInitial(string modelDir, BpeTokenizer tokenizer, IReadOnlyList<MathProblem> test, IReadOnlyList<MathProblem> validation, CancellationToken ct)
    {
        var path = Path.Combine(Run.Root, "initial.json");
        if (File.Exists(path))
        {
            var o = ReadJson(path);
            if (o["validation_problems"]?.GetValue<int>() == validation.Count && o["test_problems"]?.GetValue<int>() == test.Count)
            {
                return (o["test_greedy"]!.GetValue<double>(), o["validation_reward"]?.GetValue<double>());
            }
        }
        var (model, _) = SavedModel.Load(modelDir);
        using (model)
        {
            var greedy = TestGreedy(model, tokenizer, test, Path.Combine(Run.SamplesDir, "initial-test-greedy.jsonl"), "evaluate the starting model", ct);
            double? valid = validation.Count > 0 ? ValidationReward(model, tokenizer, validation, ct) : null;
            AtomicFile.WriteJson(path, new JsonObject { ["test_greedy"] = greedy, ["validation_reward"] = valid, ["test_problems"] = test.Count, ["validation_problems"] = validation.Count });
            _report.Info(string.Format(CultureInfo.InvariantCulture, "starting model: test greedy {0:P1}", greedy));
            return (greedy, valid);
        }
    }

    private RestEmIteration? LoadIteration(int iteration)
    {
        var path = Path.Combine(IterationDir(iteration), "iteration.json");
        return File.Exists(path) ? RestEmIteration.FromJson(ReadJson(path), path) : null;
    }

    /// <summary>One E-step + M-step + evaluation; null when the E-step kept nothing.</summary>
    private RestEmIteration? RunIteration(int i, string samplerDir, string baseDir, BpeTokenizer tokenizer, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, IReadOnlyList<MathProblem> validation, CancellationToken ct)
    {
        var dir = Run.Child($"iter-{i}");
        var eStep = LoadOrRunEStep(i, dir, samplerDir, tokenizer, train, ct);
        if (eStep.Kept.Count == 0) return null;

        bool fromPrevious = Options.ContinueFromPrevious;
        string startDir = fromPrevious ? samplerDir : baseDir;
        var label = $"iteration {i}: M-step from the {(fromPrevious ? "previous model" : "base model")} on {eStep.Kept.Count} kept samples";
        _report.Stage(label);
        var (model, _) = SavedModel.Load(startDir);
        using (model)
        {
            var builder = new SftExampleBuilder(tokenizer, Options.Template, model.Config.MaxPositionEmbeddings + 1);
            var examples = builder.BuildAll(eStep.Kept.Select(k => (k.Question, k.Response)), out int dropped);
            if (examples.Count == 0) return null;
            using (var log = dir.OpenLog())
            {
                log.Write("m_step_data", new JsonObject { ["kept"] = eStep.Kept.Count, ["examples"] = examples.Count, ["dropped_too_long"] = dropped, ["start"] = Path.GetFullPath(startDir) });
            }
            MStepStarting?.Invoke(i, model);
            var trainer = new SftTrainer(model, tokenizer, Options.MStepTraining with { Seed = RestEmSeeds.MStep(Options.Seed, i) });
            var result = trainer.Train(examples, null, dir, _report.Training(label), null, ct);
            if (!result.Completed) throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same run directory to resume");
            _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} steps, loss {2:F3}", label, result.Steps, result.FinalLoss));

            double greedy = TestGreedy(model, tokenizer, test, dir.SamplesFile("test-greedy.jsonl"), $"iteration {i}: evaluate", ct);
            double? valid = validation.Count > 0 ? ValidationReward(model, tokenizer, validation, ct) : null;
            var record = new RestEmIteration(i, greedy, eStep.SolvedFraction, eStep.Kept.Count, eStep.Rewarded, valid,
                fromPrevious ? "previous" : "base", result.Steps, dir.CheckpointDir("final"));
            AtomicFile.WriteJson(Path.Combine(dir.Root, "iteration.json"), record.ToJson());
            return record;
        }
    }

    private EStepResult LoadOrRunEStep(int i, RunDirectory dir, string samplerDir, BpeTokenizer tokenizer, IReadOnlyList<MathProblem> train, CancellationToken ct)
    {
        var statsPath = Path.Combine(dir.Root, "e_step.json");
        var keptPath = Path.Combine(dir.Root, "kept.jsonl");
        if (File.Exists(statsPath) && File.Exists(keptPath))
        {
            var s = ReadJson(statsPath);
            var kept = JsonlReader.ReadAll(keptPath).Select(r => new KeptSample(
                Field(r, "id"), Field(r, "question"), Field(r, "gold"),
                r.Object["sample_index"]?.GetValue<int>() ?? throw new InvalidDataException($"{keptPath}:{r.LineNumber}: missing field 'sample_index'"),
                Field(r, "response"))).ToArray();
            return new EStepResult(kept, s["problems"]!.GetValue<int>(), s["solved"]!.GetValue<int>(), s["samples"]!.GetValue<long>(), s["rewarded"]!.GetValue<long>());
        }
        var label = $"iteration {i}: E-step, k={Options.K} per training problem";
        _report.Stage(label);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ProblemSamples> raw;
        if (i == 1 && FirstEStepSamples is { } reused)
        {
            CheckReused(reused, train);
            raw = reused;
        }
        else
        {
            var (model, _) = SavedModel.Load(samplerDir);
            using (model)
            {
                raw = new ProblemSampler(model, tokenizer, Options.Template).Sample(train, Options.EStepSampling(i), _report.Sampling(label), ct);
            }
        }
        var scored = EStepSelector.Score(raw, Reward);
        var result = EStepSelector.Keep(scored, Options.MaxPerProblem);
        JsonlWriter.WriteAll(dir.SamplesFile("e-step.jsonl"), scored.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Problem.Id,
            ["question"] = p.Problem.Question,
            ["gold"] = p.Problem.Answer,
            ["samples"] = new JsonArray(p.Completions.Select((c, j) => (JsonNode)new JsonObject
            {
                ["index"] = j,
                ["text"] = c.Text,
                ["tokens"] = c.Tokens,
                ["finish"] = c.Finish,
                ["rewarded"] = p.Rewards[j].Rewarded,
                ["reason"] = p.Rewards[j].Reason,
            }).ToArray()),
        }));
        JsonlWriter.WriteAll(keptPath, result.Kept.Select(k => (JsonNode)new JsonObject
        {
            ["id"] = k.ProblemId,
            ["question"] = k.Question,
            ["gold"] = k.Gold,
            ["sample_index"] = k.SampleIndex,
            ["response"] = k.Response,
        }));
        var stats = result.StatisticsJson();
        stats["reward"] = Reward.Name;
        stats["sampled_from"] = Path.GetFullPath(samplerDir);
        stats["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        AtomicFile.WriteJson(statsPath, stats);
        _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} samples rewarded, {3:P1} of problems solved, {4} kept, {5:F1} s",
            label, result.Rewarded, result.Samples, result.SolvedFraction, result.Kept.Count, clock.Elapsed.TotalSeconds));
        return result;
    }

    private void CheckReused(IReadOnlyList<ProblemSamples> reused, IReadOnlyList<MathProblem> train)
    {
        if (reused.Count != train.Count) throw new ArgumentException($"{nameof(FirstEStepSamples)}: {reused.Count} problems, but there are {train.Count} training problems");
        for (int p = 0; p < train.Count; p++)
        {
            if (reused[p].Problem.Id != train[p].Id) throw new ArgumentException($"{nameof(FirstEStepSamples)}: problem {p} is '{reused[p].Problem.Id}', expected '{train[p].Id}' (same order as the training problems)");
            if (reused[p].Completions.Count != Options.K) throw new ArgumentException($"{nameof(FirstEStepSamples)}: problem '{train[p].Id}' has {reused[p].Completions.Count} completions, the E-step draws k = {Options.K}");
        }
    }

    private double TestGreedy(TransformerModel model, BpeTokenizer tokenizer, IReadOnlyList<MathProblem> test, string samplesPath, string label, CancellationToken ct)
    {
        if (test.Count == 0) return 0;
        _report.Stage(label);
        var runner = new EvalRunner(model, tokenizer, Options.Template);
        var eval = EvalOptions.GreedyOnly(Options.MaxNewTokens, Options.SampleBatch);
        return runner.Run(test, eval, samplesPath, _report.Sampling(label), ct).GreedyAccuracy ?? 0;
    }

    /// <summary>Mean reward of greedy solutions (the paper's early-stopping signal).</summary>
    private double ValidationReward(TransformerModel model, BpeTokenizer tokenizer, IReadOnlyList<MathProblem> validation, CancellationToken ct)
    {
        var samples = new ProblemSampler(model, tokenizer, Options.Template).Sample(validation, SamplingSettings.Greedy(Options.MaxNewTokens, Options.SampleBatch), null, ct);
        var scored = EStepSelector.Score(samples, Reward);
        return scored.Average(p => p.Rewards[0].Value);
    }

    private static string Field(JsonlRecord r, string name) =>
        r.Object[name]?.GetValue<string>() ?? throw new InvalidDataException($"line {r.LineNumber}: missing field '{name}'");

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}); delete it to redo that stage", e);
        }
    }
}
