using System.CommandLine;
using System.Globalization;
using Sift.Data;
using Sift.Data.Synthetic;

namespace Sift.Cli.Commands;

/// <summary>`sift data synth` (the embedded task) and `sift data stats FILE` (what a dataset holds).</summary>
public sealed class DataCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("data", "Create or inspect datasets.");
        command.Subcommands.Add(BuildSynth());
        command.Subcommands.Add(BuildStats());
        return command;
    }

    private static Command BuildSynth()
    {
        var train = new Option<int>("--train") { Description = "Number of training problems.", DefaultValueFactory = _ => 5000 };
        var test = new Option<int>("--test") { Description = "Number of test problems (disjoint from train by construction).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Root seed; the same seed and options give the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Directory for train.jsonl and test.jsonl (GSM8K format: question/answer).", Required = true };
        var minSteps = new Option<int>("--min-steps") { Description = "Fewest reasoning steps per problem (1-8).", DefaultValueFactory = _ => 1 };
        var maxSteps = new Option<int>("--max-steps") { Description = "Most reasoning steps per problem (1-8).", DefaultValueFactory = _ => 4 };
        var maxNumber = new Option<int>("--max-number") { Description = "Largest number stated in a problem (>= 5).", DefaultValueFactory = _ => 20 };
        var maxResult = new Option<int>("--max-result") { Description = "Largest intermediate result or answer (>= 4 x max-number).", DefaultValueFactory = _ => 500 };
        var command = new Command("synth", "Generate the embedded GSM8K-style word-problem task (annotated solutions, #### answers) as train/test JSONL.");
        foreach (var option in new Option[] { train, test, seed, output, minSteps, maxSteps, maxNumber, maxResult })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var options = new SynthOptions
            {
                MinSteps = parse.GetValue(minSteps),
                MaxSteps = parse.GetValue(maxSteps),
                MaxNumber = parse.GetValue(maxNumber),
                MaxResult = parse.GetValue(maxResult),
            };
            return CommandGuard.Run(() =>
            {
                var split = SyntheticMathTask.TrainTest(parse.GetValue(seed), parse.GetValue(train), parse.GetValue(test), options);
                var directory = parse.GetValue(output)!;
                JsonlDataset.WriteGsm8k(Path.Combine(directory, "train.jsonl"), split.Train);
                JsonlDataset.WriteGsm8k(Path.Combine(directory, "test.jsonl"), split.Test);
                Console.WriteLine($"wrote {split.Train.Count} train and {split.Test.Count} test problems to {directory}");
                return 0;
            });
        });
        return command;
    }

    private static Command BuildStats()
    {
        var file = new Argument<string>("file") { Description = "A JSONL dataset." };
        var map = new Option<string?>("--fields") { Description = "Field map: gsm8k, math, prompt-response, query-response, svamp, asdiv (default: detect from the first row)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip malformed rows and report how many, instead of stopping at the first." };
        var command = new Command("stats", "Read a dataset and print its size, duplicates, lengths and annotation counts.");
        command.Arguments.Add(file);
        command.Options.Add(map);
        command.Options.Add(skipInvalid);
        command.SetAction(parse =>
        {
            return CommandGuard.Run(() =>
            {
                var path = parse.GetValue(file)!;
                var fieldMap = parse.GetValue(map) is { } name ? FieldMap.ByName(name) : FieldMap.DetectFile(path);
                var result = JsonlDataset.Read(path, fieldMap, parse.GetValue(skipInvalid));
                var problems = result.Problems;
                ProblemDeduplicator.Deduplicate(problems, out var duplicates);
                var inv = CultureInfo.InvariantCulture;
                Console.WriteLine($"file: {path} (fields: {fieldMap.Name})");
                Console.WriteLine($"rows: {problems.Count}, skipped: {result.SkippedCount}, duplicate questions: {duplicates}");
                foreach (var reason in result.SkipReasons)
                {
                    Console.WriteLine($"  skipped {reason}");
                }
                if (problems.Count > 0)
                {
                    Console.WriteLine(string.Create(inv, $"question chars: mean {problems.Average(p => p.Question.Length):F1}, max {problems.Max(p => p.Question.Length)}"));
                    Console.WriteLine(string.Create(inv, $"solution chars: mean {problems.Average(p => p.Solution.Length):F1}, max {problems.Max(p => p.Solution.Length)}"));
                    Console.WriteLine(string.Create(inv, $"annotations per solution: mean {problems.Average(p => Sift.Methods.Rft.ReasoningPathKey.Equations(p.Solution).Count):F2}"));
                }
                return 0;
            });
        });
        return command;
    }
}
