using System.CommandLine;
using Sift.Grading;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift grade`: grade one pair (--gold/--pred), a JSONL file of pairs (--input [--output]), or
/// benchmark the grader on the MATH-500 pairs (--bench-math500 [PATH]).
/// </summary>
public sealed class GradeCommand : ICliCommand
{
    public Command Build()
    {
        var gold = new Option<string?>("--gold") { Description = "Gold answer or reference solution." };
        var pred = new Option<string?>("--pred") { Description = "Predicted answer or model response." };
        var input = new Option<string?>("--input") { Description = "JSONL file with string fields `gold` and `pred` per row." };
        var output = new Option<string?>("--output") { Description = "Where to write the graded rows (default: stdout)." };
        var bench = new Option<string?>("--bench-math500")
        {
            Description = "Benchmark pairs/s on MATH-500 (optional path to test.jsonl; default ../shared/data/math500/test.jsonl).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var tolerance = new Option<double>("--tolerance") { Description = "Relative tolerance when a side is written as a decimal.", DefaultValueFactory = _ => 1e-6 };
        var noFallback = new Option<bool>("--no-last-number") { Description = "Disable the last-number extraction fallback." };

        var command = new Command("grade", "Grade math answers: extraction, exact equivalence, verdicts.");
        foreach (var o in new Option[] { gold, pred, input, output, bench, tolerance, noFallback }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var options = new GraderOptions
            {
                RelativeTolerance = parseResult.GetValue(tolerance),
                AllowLastNumberFallback = !parseResult.GetValue(noFallback),
            };
            var grader = new MathGrader(options);
            if (parseResult.GetResult(bench) is not null)
                return GradeBenchmark.Run(grader, parseResult.GetValue(bench), Console.Out);
            var inPath = parseResult.GetValue(input);
            if (inPath is not null)
                return GradeJsonl.Run(grader, inPath, parseResult.GetValue(output), Console.Out, Console.Error);
            var g = parseResult.GetValue(gold);
            var p = parseResult.GetValue(pred);
            if (g is null || p is null)
            {
                Console.Error.WriteLine("sift grade: give --gold and --pred, or --input FILE, or --bench-math500 [PATH]");
                return 2;
            }
            var r = grader.Grade(g, p);
            Console.WriteLine($"verdict: {r.VerdictText}");
            Console.WriteLine($"gold_answer: {r.GoldAnswer ?? "(none)"}");
            Console.WriteLine($"pred_answer: {r.PredAnswer ?? "(none)"}");
            if (r.UnparseableSide != GradeSide.None) Console.WriteLine($"unparseable: {r.UnparseableSide.ToString().ToLowerInvariant()}");
            Console.WriteLine($"reason: {r.Reason}");
            return 0;
        });
        return command;
    }
}
