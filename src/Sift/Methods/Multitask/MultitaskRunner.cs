using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.Eval.Selection;
using Sift.IO;
using Sift.Methods.Evaluator;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;
using Sift.Training;
using Sift.Inference;

namespace Sift.Methods.Multitask;

/// <summary>
/// Multi-task fine-tuning (Liu et al. 2023, "Improving LLM fine-tuning for solving math problems",
/// §3.3): the generation task (question → solution) and the evaluation task (evaluator prompt →
/// " correct" / " incorrect") learned by one model, compared with solution fine-tuning alone.
/// <list type="bullet">
/// <item><c>solution_ft</c>: the SFT model generates; its evaluator is the SFT model fine-tuned on the
/// evaluation task (the same model as sequential's middle stage, trained once).</item>
/// <item><c>solution_ft_continued</c>: the control — the SFT model fine-tuned on solutions again for
/// sequential's last-stage steps, with no evaluation stage; evaluated with solution_ft's evaluator.</item>
/// <item><c>sequential</c>: generation (the given SFT model) → evaluation → generation again, each
/// stage continuing from the previous one's weights; the final model is generator and evaluator.</item>
/// <item><c>mixed</c>: one fine-tuning of the base model on generation and evaluation examples
/// together; the final model is generator and evaluator.</item>
/// </list>
/// The evaluation task is trained by plain SFT with the label word as the response (full-vocabulary
/// cross-entropy on the label tokens and EOS, <see cref="EvaluatorEncoding.SftSequence"/>), so the
/// ordinary <see cref="SftTrainer"/> serves every stage; scores are still S = σ(l_c − l_i) at the first
/// differing label token (<see cref="ModelEvaluatorScorer"/>). Evaluation examples are the SFT model's
/// graded samples of TRAINING problems, balanced per problem (<see cref="EvaluatorDataset.BalancedPairs"/>);
/// generation examples are the training problems' reference solutions.
/// <para>
/// For each strategy: test greedy accuracy of the generator, then (with
/// <see cref="MultitaskOptions.RerankSamples"/> &gt; 0) n samples per test problem from the generator,
/// scored by the evaluator: its accuracy/AUC and the accuracy of every selection strategy against k.
/// Run directory: <c>evaluation/</c> (SFT model → evaluation), <c>solution-continued/</c>, <c>sequential/</c> (→ generation),
/// <c>mixed/</c>, and per strategy <c>NAME/greedy.json</c>, <c>NAME/samples/rerank.jsonl</c> (the scored
/// samples, <c>sift rerank</c>'s format), <c>NAME/result.json</c>; <c>results.json</c> last. Every
/// stage whose final model or file exists is skipped on a rerun.
/// </para>
/// </summary>
public sealed class MultitaskRunner(MultitaskOptions options, RunDirectory run, IProgressReporter? reporter = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;

    public MultitaskOptions Options { get; } = options;

    public RunDirectory Run { get; } = run;

    /// <summary>Runs (or resumes) every strategy and writes <c>results.json</c>.</summary>
    /// <param name="sftModelDir">The solution-fine-tuned model (generation stage 1).</param>
    /// <param name="baseModelDir">The model SFT started from (mixed fine-tunes it).</param>
    /// <param name="train">Training problems with reference solutions (the generation task).</param>
    /// <param name="test">Test problems.</param>
    /// <param name="evaluationSamples">The SFT model's graded samples of TRAINING problems (the evaluation task's data).</param>
    /// <param name="sftTestSamples">The SFT model's graded samples of the test problems, reused for solution_ft's re-ranking (null: sampled here).</param>
    /// <param name="cancellationToken">Stops between steps; rerun to resume.</param>
    public MultitaskResults Execute(string sftModelDir, string baseModelDir, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test,
        IReadOnlyList<GradedProblem> evaluationSamples, IReadOnlyList<GradedProblem>? sftTestSamples = null, CancellationToken cancellationToken = default)
    {
        Options.Validate();
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(evaluationSamples);
        var results = new List<MultitaskStrategyResult>();
        foreach (var strategy in Options.Strategies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = MultitaskOptions.NameOf(strategy);
            string generator, evaluator;
            switch (strategy)
            {
                case MultitaskStrategy.SolutionFt:
                    generator = sftModelDir;
                    evaluator = EvaluationStage(sftModelDir, evaluationSamples, cancellationToken);
                    break;
                case MultitaskStrategy.SolutionFtContinued:
                    generator = Stage("solution-continued", sftModelDir, "solution FT continued (sequential's last stage without the evaluation stage)",
                        (tokenizer, context) => GenerationExamples(tokenizer, context, train), Options.GenerationTraining, cancellationToken);
                    evaluator = EvaluationStage(sftModelDir, evaluationSamples, cancellationToken);
                    break;
                case MultitaskStrategy.Sequential:
                    var afterEvaluation = EvaluationStage(sftModelDir, evaluationSamples, cancellationToken);
                    generator = Stage("sequential", afterEvaluation, "sequential: generation again (from the evaluation stage)",
                        (tokenizer, context) => GenerationExamples(tokenizer, context, train), Options.GenerationTraining, cancellationToken);
                    evaluator = Options.SequentialScoresWithEvaluationStage ? afterEvaluation : generator;
                    break;
                default:
                    generator = evaluator = Stage("mixed", baseModelDir, "mixed: generation + evaluation from the base model",
                        (tokenizer, context) => [.. GenerationExamples(tokenizer, context, train), .. EvaluationExamples(tokenizer, context, evaluationSamples)],
                        Options.GenerationTraining, cancellationToken);
                    break;
            }
            var result = Measure(name, generator, evaluator, test, strategy == MultitaskStrategy.SolutionFt ? sftTestSamples : null, cancellationToken);
            results.Add(result);
            _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: greedy {1:P1}{2}", name, result.GreedyAccuracy,
                result.Evaluator is { } e ? string.Format(CultureInfo.InvariantCulture, ", evaluator AUC {0:F3}", e.Auc) : ""));
        }
        var all = new MultitaskResults(results);
        Run.WriteResults(all.ToJson());
        return all;
    }

    /// <summary>SFT model → evaluation task; shared by solution_ft (its evaluator) and sequential (its middle stage).</summary>
    private string EvaluationStage(string sftModelDir, IReadOnlyList<GradedProblem> samples, CancellationToken ct) =>
        Stage("evaluation", sftModelDir, "evaluation task from the SFT model", (tokenizer, context) => EvaluationExamples(tokenizer, context, samples), Options.Evaluation, ct);

    /// <summary>One fine-tuning stage in <c>RUN/name</c>, skipped when its final model is complete; returns that model's directory.</summary>
    private string Stage(string name, string startDir, string label, Func<BpeTokenizer, int, IReadOnlyList<SftExample>> examples, SftOptions sft, CancellationToken ct)
    {
        var dir = Run.Child(name);
        var final = dir.CheckpointDir("final");
        if (SavedModel.IsComplete(final)) return final;
        _report.Stage(label);
        var (model, tokenizer) = SavedModel.Load(startDir);
        using (model)
        {
            var data = examples(tokenizer, model.Config.MaxPositionEmbeddings);
            using (var log = dir.OpenLog())
            {
                log.Write("multitask_stage", new JsonObject { ["stage"] = name, ["start"] = Path.GetFullPath(startDir), ["examples"] = data.Count });
            }
            var result = new SftTrainer(model, tokenizer, sft).Train(data, null, dir, _report.Training(label), null, ct);
            if (!result.Completed) throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same run directory to resume");
            _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} examples, {2} steps, loss {3:F3}, {4:F1} s", label, data.Count, result.Steps, result.FinalLoss, result.Elapsed.TotalSeconds));
        }
        return final;
    }

    private IReadOnlyList<SftExample> GenerationExamples(BpeTokenizer tokenizer, int context, IReadOnlyList<MathProblem> train) =>
        new SftExampleBuilder(tokenizer, Options.Template, context + 1).FromProblems(train, out _);

    /// <summary>The evaluation task as SFT examples: each balanced (X⁺, X⁻) pair gives one " correct" and one " incorrect" example.</summary>
    private List<SftExample> EvaluationExamples(BpeTokenizer tokenizer, int context, IReadOnlyList<GradedProblem> samples)
    {
        var encoding = new EvaluatorEncoding(tokenizer, context);
        var list = new List<SftExample>();
        foreach (var (p, positive, negative) in EvaluatorDataset.BalancedPairs(samples, Options.Data, out _, out _))
        {
            foreach (var (sample, correct) in new[] { (positive, true), (negative, false) })
            {
                var (tokens, promptLength) = encoding.SftSequence(p.Question, sample.Text, correct);
                list.Add(new SftExample(tokens, promptLength));
            }
        }
        if (list.Count == 0) throw new ArgumentException("no evaluation examples: every problem's samples are all correct or all incorrect");
        return list;
    }

    /// <summary>Greedy accuracy, then (optionally) re-ranking of n samples with the evaluator; cached in <c>RUN/name/</c>.</summary>
    private MultitaskStrategyResult Measure(string name, string generatorDir, string evaluatorDir, IReadOnlyList<MathProblem> test, IReadOnlyList<GradedProblem>? given, CancellationToken ct)
    {
        var dir = Run.Child(name);
        var greedyPath = Path.Combine(dir.Root, "greedy.json");
        double greedy;
        if (File.Exists(greedyPath))
        {
            greedy = JsonNode.Parse(File.ReadAllText(greedyPath))!["greedy"]!.GetValue<double>();
        }
        else
        {
            _report.Stage($"{name}: test greedy accuracy");
            var (model, tokenizer) = SavedModel.Load(generatorDir);
            using (model)
            {
                var eval = EvalOptions.GreedyOnly(Options.MaxNewTokens, Options.SampleBatch);
                greedy = new EvalRunner(model, tokenizer, Options.Template).Run(test, eval, dir.SamplesFile("test-greedy.jsonl"), _report.Sampling($"{name}: greedy"), ct).GreedyAccuracy ?? 0;
            }
            AtomicFile.WriteJson(greedyPath, new JsonObject { ["greedy"] = greedy, ["generator"] = Path.GetFullPath(generatorDir) }, relaxedEscaping: true);
        }
        if (Options.RerankSamples == 0 || test.Count == 0) return new MultitaskStrategyResult(name, greedy, generatorDir, evaluatorDir, null, null);

        var rerankPath = dir.SamplesFile("rerank.jsonl");
        var reportPath = Path.Combine(dir.Root, "evaluator_report.json");
        EvaluatorReport report;
        // The cached scores are reused only when the same evaluator made them.
        if (!File.Exists(rerankPath) || !File.Exists(reportPath) || ScoredBy(reportPath) != Path.GetFullPath(evaluatorDir))
        {
            var graded = given ?? SampleTest(name, generatorDir, test, ct);
            _report.Stage($"{name}: score {graded.Sum(p => p.Samples.Count)} samples with the evaluator");
            using var scorer = ModelEvaluatorScorer.Load(evaluatorDir, Options.ScoreBatch);
            (report, var scores) = EvaluatorReport.Score(scorer, graded);
            int at = 0;
            JsonlWriter.WriteAll(rerankPath, graded.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Id,
                ["question"] = p.Question,
                ["gold"] = p.Gold,
                ["samples"] = new JsonArray(p.Samples.Select(s => (JsonNode)new JsonObject
                {
                    ["text"] = s.Text,
                    ["answer"] = s.Answer,
                    ["correct"] = s.Correct,
                    ["score"] = scores[at++],
                }).ToArray()),
            }));
            var reportJson = report.ToJson();
            reportJson["evaluator"] = Path.GetFullPath(evaluatorDir);
            AtomicFile.WriteJson(reportPath, reportJson, relaxedEscaping: true);
        }
        else
        {
            report = ReadReport(reportPath);
        }
        var problems = RerankInput.Read(rerankPath).Problems;
        var rerank = RerankSweep.Run(problems, SelectionStrategies.Standard(), new RerankSweepOptions(Options.RerankSubsets, Options.Seed));
        var result = new MultitaskStrategyResult(name, greedy, generatorDir, evaluatorDir, report, rerank);
        AtomicFile.WriteJson(Path.Combine(dir.Root, "result.json"), result.ToJson(), relaxedEscaping: true);
        return result;
    }

    private IReadOnlyList<GradedProblem> SampleTest(string name, string generatorDir, IReadOnlyList<MathProblem> test, CancellationToken ct)
    {
        var label = $"{name}: sample {Options.RerankSamples} per test problem";
        _report.Stage(label);
        var (model, tokenizer) = SavedModel.Load(generatorDir);
        using (model)
        {
            var settings = SamplingSettings.Sampled(Options.RerankSamples, Options.Temperature, Options.MaxNewTokens, Options.SampleBatch, Options.Seed);
            var raw = new ProblemSampler(model, tokenizer, Options.Template).Sample(test, settings, _report.Sampling(label), ct);
            return new SampleGrader().GradeAll(raw);
        }
    }

    private static string? ScoredBy(string reportPath) => JsonNode.Parse(File.ReadAllText(reportPath))?["evaluator"]?.GetValue<string>();

    private static EvaluatorReport ReadReport(string path)
    {
        var o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        double D(string key) => o[key] is JsonValue v ? v.GetValue<double>() : double.NaN;
        return new EvaluatorReport(o["problems"]!.GetValue<int>(), o["samples"]!.GetValue<int>(), o["correct_samples"]!.GetValue<int>(),
            D("accuracy"), D("auc"), D("mean_score_correct"), D("mean_score_incorrect"), D("seconds"));
    }
}
