using System.CommandLine;
using Sift.Reports;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift report RUN_DIR... [--out FILE]`: one self-contained HTML file (inline CSS and SVG, no
/// script, no network) with the tables and charts of each run. Thin over <see cref="ReportWriter"/>.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    public Command Build()
    {
        var runs = new Argument<string[]>("run-dir") { Description = "Run directories (results.json, log.jsonl files, config.yaml).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "The HTML file to write (default: RUN_DIR/report.html for one run, ./report.html for several)." };
        var command = new Command("report", "Write an HTML report (tables and charts) of one or more run directories.");
        command.Arguments.Add(runs);
        command.Options.Add(output);
        command.SetAction(parseResult => CommandGuard.Run(() =>
        {
            var dirs = parseResult.GetValue(runs) ?? [];
            var path = ReportWriter.Write(dirs, parseResult.GetValue(output) ?? ReportWriter.DefaultOutputPath(dirs));
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
