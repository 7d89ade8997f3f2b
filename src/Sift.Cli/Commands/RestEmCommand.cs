using System.CommandLine;
using Sift.Data;
using Sift.Methods.RestEm;
using Sift.Pipelines;
using Sift.Rewards;
using Sift.Runs;

namespace Sift.Cli.Commands;

/// <summary>`sift restem`: ReST-EM self-training (Singh et al. 2023), thin over <see cref="RestEmRunner"/>.</summary>
public sealed class RestEmCommand : ICliCommand
{
    public Command Build()
    {
        var defaults = new RestEmOptions();
        var t = new TrainOptions();
        var model = new Option<string>("--model") { Description = "The model the first E-step samples from (normally the SFT model's checkpoints/final).", Required = true };
        var baseModel = new Option<string?>("--base") { Description = "The weights every M-step fine-tunes from (the paper: the pre-trained base; `sift train sft` keeps it as checkpoints/base). Default: --model." };
        var train = new Option<string?>("--train") { Description = "Training problems JSONL (questions and gold answers; reference solutions are NOT used). Omit --train and --test for the embedded task (the default experiment's 2000/1000 problems)." };
        var test = new Option<string?>("--test") { Description = "Test problems JSONL for greedy accuracy after each iteration." };
        var valid = new Option<string?>("--valid") { Description = "Validation problems JSONL: the greedy mean reward on them drives early stopping." };
        var validFromTrain = new Option<int>("--valid-from-train") { Description = "Hold out the last N training problems as the validation set (when --valid is not given; 0: no validation, no early stopping).", DefaultValueFactory = _ => 0 };
        var trainLimit = new Option<int>("--train-limit") { Description = "Use only the first N training problems (0: all).", DefaultValueFactory = _ => 0 };
        var testLimit = new Option<int>("--test-limit") { Description = "Use only the first N test problems (0: all).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Run directory: results.json, initial.json, iter-N/ (kept.jsonl, samples/, checkpoints/final, iteration.json). Rerun to resume.", Required = true };
        var iterations = new Option<int>("--iterations") { Description = "E-step/M-step iterations.", DefaultValueFactory = _ => defaults.Iterations };
        var k = new Option<int>("--k") { Description = "Samples per training problem in each E-step.", DefaultValueFactory = _ => defaults.K };
        var temperature = new Option<float>("--temperature") { Description = "E-step sampling temperature.", DefaultValueFactory = _ => defaults.Temperature };
        var topK = new Option<int>("--top-k") { Description = "E-step top-k filter (0: off).", DefaultValueFactory = _ => defaults.TopK };
        var maxPerProblem = new Option<int>("--max-per-problem") { Description = "Most rewarded samples kept per problem (the first N by sample index).", DefaultValueFactory = _ => defaults.MaxPerProblem };
        var continueFromPrevious = new Option<bool>("--continue-from-previous") { Description = "Fine-tune the previous iterate instead of the base model in each M-step (for comparison; the paper restarts from the base)." };
        var patience = new Option<int>("--patience") { Description = "Stop after this many iterations without a better validation reward (0: never; needs --valid or --valid-from-train).", DefaultValueFactory = _ => defaults.Patience };
        var requireAnnotations = new Option<bool>("--require-annotations") { Description = "Reward a sample only when its <<a=b>> calculator annotations are also correct." };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Most new tokens per completion (E-step, evaluation, validation).", DefaultValueFactory = _ => defaults.MaxNewTokens };
        var sampleBatch = new Option<int>("--sample-batch") { Description = "Sequences decoded together when sampling.", DefaultValueFactory = _ => defaults.SampleBatch };
        var command = new Command("restem", "ReST-EM self-training (Singh et al. 2023, \"Beyond Human Data\"): per iteration sample k solutions per training problem from the current model, keep the rewarded ones (at most N per problem), fine-tune the base model on them, and report test greedy accuracy, train solved fraction and kept samples. --seed is the root seed of sampling and M-step data order.");
        foreach (var o in new Option[] { model, baseModel, train, test, valid, validFromTrain, trainLimit, testLimit, output, iterations, k, temperature, topK, maxPerProblem, continueFromPrevious, patience, requireAnnotations, maxNewTokens, sampleBatch })
        {
            command.Options.Add(o);
        }
        t.AddTo(command);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                IReadOnlyList<MathProblem> trainSet, testSet;
                var (trainPath, testPath) = (parse.GetValue(train), parse.GetValue(test));
                if (trainPath is null && testPath is null)
                {
                    var d = new DataOptions();
                    var split = Sift.Data.Synthetic.SyntheticMathTask.TrainTest(d.Synth.Seed, d.SynthTrain, d.SynthTest, d.Synth);
                    (trainSet, testSet) = (split.Train, split.Test);
                    console.Info($"embedded task: {trainSet.Count} training and {testSet.Count} test problems");
                }
                else if (trainPath is null || testPath is null)
                {
                    throw new ArgumentException("give both --train and --test, or neither (the embedded task)");
                }
                else
                {
                    trainSet = t.ReadProblems(parse, trainPath);
                    testSet = t.ReadProblems(parse, testPath);
                }
                IReadOnlyList<MathProblem> validSet = [];
                if (parse.GetValue(valid) is { } validPath)
                {
                    validSet = t.ReadProblems(parse, validPath);
                }
                else if (parse.GetValue(validFromTrain) is > 0 and var held)
                {
                    if (held >= trainSet.Count) throw new ArgumentException($"--valid-from-train {held} leaves no training problems (there are {trainSet.Count})");
                    validSet = trainSet.Skip(trainSet.Count - held).ToArray();
                    trainSet = trainSet.Take(trainSet.Count - held).ToArray();
                }
                if (parse.GetValue(trainLimit) is > 0 and var tl) trainSet = trainSet.Take(tl).ToArray();
                if (parse.GetValue(testLimit) is > 0 and var sl) testSet = testSet.Take(sl).ToArray();
                var options = new RestEmOptions
                {
                    Iterations = parse.GetValue(iterations),
                    K = parse.GetValue(k),
                    Temperature = parse.GetValue(temperature),
                    TopK = parse.GetValue(topK),
                    MaxPerProblem = parse.GetValue(maxPerProblem),
                    ContinueFromPrevious = parse.GetValue(continueFromPrevious),
                    Patience = parse.GetValue(patience),
                    Training = t.Read(parse),
                    Seed = (ulong)parse.GetValue(t.Seed),
                    Template = t.ResolveTemplate(parse, parse.GetValue(model)),
                    MaxNewTokens = parse.GetValue(maxNewTokens),
                    SampleBatch = parse.GetValue(sampleBatch),
                };
                var reward = new MathAnswerReward(requireCorrectAnnotations: parse.GetValue(requireAnnotations));
                var run = RunDirectory.Open(parse.GetValue(output)!);
                var runner = new RestEmRunner(options, reward, run, console);
                var results = runner.Execute(parse.GetValue(model)!, parse.GetValue(baseModel), trainSet, testSet, validSet, cts.Token);
                console.EndLine();
                Console.Write(results.Table());
                Console.WriteLine($"results: {run.ResultsPath}");
                return 0;
            }, console);
        });
        return command;
    }
}
