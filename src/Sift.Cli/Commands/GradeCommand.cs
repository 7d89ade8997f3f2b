using System.CommandLine;
using Sift.Grading;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift grade`: grade one pair (--gold/--pred), a JSONL file of pairs (--input [--output]), audit a
/// labelled file (--audit FILE [--output DISAGREEMENTS] [--reference-field NAME]), or
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
        var decimalComma = new Option<bool>("--decimal-comma") { Description = "Read a whole answer \"1,22\" as the decimal 1.22 (off: a list; 1,225 stays 1225)." };
        var audit = new Option<string?>("--audit") { Description = "Labelled JSONL {gold, pred, expected[, category]}: count false negatives, false positives, unparseable; --output gets the disagreements." };
        var referenceField = new Option<string?>("--reference-field") { Description = "With --audit: field holding a second grader's verdict (true/false or a verdict string) to compare against." };

        var command = new Command("grade", "Grade math answers: extraction, exact equivalence, verdicts.");
        foreach (var o in new Option[] { gold, pred, input, output, bench, tolerance, noFallback, decimalComma, audit, referenceField }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var options = new GraderOptions
            {
                RelativeTolerance = parseResult.GetValue(tolerance),
                AllowLastNumberFallback = !parseResult.GetValue(noFallback),
                DecimalComma = parseResult.GetValue(decimalComma),
            };
            var grader = new MathGrader(options);
            if (parseResult.GetResult(bench) is not null)
                return GradeBenchmark.Run(grader, parseResult.GetValue(bench), Console.Out);
            var auditPath = parseResult.GetValue(audit);
            if (auditPath is not null)
                return GradeAudit.Run(grader, auditPath, parseResult.GetValue(output), parseResult.GetValue(referenceField), Console.Out, Console.Error);
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
