using System.CommandLine;
using Sift.Data;
using Sift.Eval;
using Sift.Methods.Evaluator;
using Sift.Methods.Multitask;
using Sift.Runs;
using Sift.Training.Sft;

namespace Sift.Cli.Commands;

/// <summary>`sift multitask`: solution fine-tuning vs sequential and mixed multi-task fine-tuning (Liu et al. 2023 §3.3), thin over <see cref="MultitaskRunner"/>.</summary>
public sealed class MultitaskCommand : ICliCommand
{
    public Command Build()
    {
        var defaults = new MultitaskOptions();
        var t = new TrainOptions();
        var sft = new Option<string>("--sft") { Description = "The solution-fine-tuned model (checkpoints/final of `sift train sft` / `sift run`).", Required = true };
        var baseModel = new Option<string>("--base") { Description = "The model SFT started from (checkpoints/base); the mixed strategy fine-tunes it.", Required = true };
        var train = new Option<string>("--train") { Description = "Training problems JSONL (reference solutions: the generation task).", Required = true };
        var test = new Option<string>("--test") { Description = "Test problems JSONL.", Required = true };
        var samples = new Option<string[]>("--samples") { Description = "The SFT model's graded samples of the TRAINING problems (the evaluation task's data).", Required = true, AllowMultipleArgumentsPerToken = true };
        var testSamples = new Option<string?>("--test-samples") { Description = "The SFT model's graded samples of the test problems, re-ranked for solution_ft (default: sampled here)." };
        var output = new Option<string>("--out") { Description = "Run directory (rerun to resume).", Required = true };
        var strategies = new Option<string[]>("--strategies") { Description = "Any of solution_ft, solution_ft_continued (the control: more solution FT, no evaluation stage), sequential, mixed.", DefaultValueFactory = _ => ["solution_ft", "solution_ft_continued", "sequential", "mixed"], AllowMultipleArgumentsPerToken = true };
        var evalEpochs = new Option<double>("--eval-epochs") { Description = "Epochs of the evaluation-task stage.", DefaultValueFactory = _ => defaults.Evaluation.Epochs };
        var rerankSamples = new Option<int>("--rerank-samples") { Description = "Samples per test problem re-ranked by each strategy's evaluator (0: greedy only).", DefaultValueFactory = _ => defaults.RerankSamples };
        var maxPerClass = new Option<int>("--max-per-class") { Description = "Most correct (and as many incorrect) samples per problem in the evaluation task.", DefaultValueFactory = _ => defaults.Data.MaxPerClass };
        var sequentialEvaluator = new Option<bool>("--sequential-evaluation-stage-scores") { Description = "Score sequential's samples with its evaluation-stage model rather than its final model." };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Most new tokens per completion.", DefaultValueFactory = _ => defaults.MaxNewTokens };
        var command = new Command("multitask", "Compare solution fine-tuning with sequential (generation -> evaluation -> generation) and mixed multi-task fine-tuning: greedy accuracy, evaluator AUC and re-ranked accuracy.");
        foreach (var o in new Option[] { sft, baseModel, train, test, samples, testSamples, output, strategies, evalEpochs, rerankSamples, maxPerClass, sequentialEvaluator, maxNewTokens }) command.Options.Add(o);
        t.AddTo(command);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                var generation = t.Read(parse);
                var chosen = parse.GetValue(strategies)!.Select(s => s switch
                {
                    "solution_ft" => MultitaskStrategy.SolutionFt,
                    "solution_ft_continued" => MultitaskStrategy.SolutionFtContinued,
                    "sequential" => MultitaskStrategy.Sequential,
                    "mixed" => MultitaskStrategy.Mixed,
                    _ => throw new ArgumentException($"--strategies: unknown strategy '{s}' (solution_ft, solution_ft_continued, sequential, mixed)"),
                }).ToArray();
                var options = new MultitaskOptions
                {
                    Strategies = chosen,
                    Generation = generation,
                    Evaluation = generation with { Epochs = parse.GetValue(evalEpochs), MaxSteps = 0 },
                    Data = new EvaluatorDataOptions { Seed = generation.Seed, MaxPerClass = parse.GetValue(maxPerClass) },
                    Template = PromptTemplate.ByName(parse.GetValue(t.Template)!),
                    RerankSamples = parse.GetValue(rerankSamples),
                    MaxNewTokens = parse.GetValue(maxNewTokens),
                    SequentialScoresWithEvaluationStage = parse.GetValue(sequentialEvaluator),
                    Seed = generation.Seed,
                };
                var evaluation = EvaluatorDataset.Merge(parse.GetValue(samples)!.Select(SampleFile.Read));
                var testGraded = parse.GetValue(testSamples) is { } ts ? SampleFile.Read(ts) : null;
                var run = RunDirectory.Open(parse.GetValue(output)!);
                var results = new MultitaskRunner(options, run, console).Execute(parse.GetValue(sft)!, parse.GetValue(baseModel)!,
                    t.ReadProblems(parse, parse.GetValue(train)!), t.ReadProblems(parse, parse.GetValue(test)!), evaluation, testGraded, cts.Token);
                console.EndLine();
                Console.Write(results.Table());
                Console.WriteLine($"results: {run.ResultsPath}");
                return 0;
            }, console);
        });
        return command;
    }
}
