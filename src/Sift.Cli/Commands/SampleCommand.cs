using System.CommandLine;
using System.Globalization;
using Sift.Data;
using Sift.Eval;
using Sift.Runs;
using Sift.Inference;

namespace Sift.Cli.Commands;

/// <summary>`sift sample`: k graded completions per problem from a model (the input of `sift rft`).</summary>
public sealed class SampleCommand : ICliCommand
{
    public Command Build()
    {
        var defaults = new SamplingSettings();
        var t = new TrainOptions();
        var model = new Option<string>("--model") { Description = "Model directory as Hugging Face lays it out (config.json, model.safetensors or shards, tokenizer.json; tokenizer_config.json and generation_config.json when there).", Required = true };
        var data = new Option<string>("--data") { Description = "Problems JSONL (GSM8K, MATH, prompt/response, ...).", Required = true };
        var output = new Option<string>("--out") { Description = "Samples JSONL to write: one row per problem with its completions, extracted answers, verdicts and annotation checks.", Required = true };
        var k = new Option<int>("--k") { Description = "Completions per problem.", DefaultValueFactory = _ => 8 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature (the RFT paper: 0.7; 0 = greedy).", DefaultValueFactory = _ => defaults.Decoding.Temperature };
        var topK = new Option<int>("--top-k") { Description = "Sample among the k most likely tokens only (0: off).", DefaultValueFactory = _ => 0 };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Most tokens per completion.", DefaultValueFactory = _ => defaults.Decoding.MaxNewTokens };
        var seed = new Option<int>("--seed") { Description = "Root seed; completion j of problem i samples from a stream derived from (seed, i*k+j), independent of batching.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Sequences decoded together (KV-cache slots).", DefaultValueFactory = _ => defaults.BatchSize };
        var limit = new Option<int>("--limit") { Description = "Only the first N problems (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("sample", "Sample k solutions per problem from a model and grade them (answer vs gold, calculator annotations).");
        foreach (var o in new Option[] { model, data, output, k, temperature, topK, maxNew, seed, batch, limit, t.Template, t.SystemPrompt, t.BoxedInstruction, t.Fields, t.SkipInvalid }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                var problems = t.ReadProblems(parse, parse.GetValue(data)!);
                if (parse.GetValue(limit) > 0) problems = problems.Take(parse.GetValue(limit)).ToArray();
                var (m, tokenizer) = SavedModel.Load(parse.GetValue(model)!);
                using (m)
                {
                    var settings = SamplingSettings.Sampled(parse.GetValue(k), parse.GetValue(temperature), parse.GetValue(maxNew), parse.GetValue(batch), (ulong)parse.GetValue(seed), parse.GetValue(topK));
                    console.Stage($"sampling {settings.K} per problem for {problems.Count} problems");
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var sampler = new ProblemSampler(m, tokenizer, t.ResolveTemplate(parse, parse.GetValue(model)));
                    var raw = sampler.Sample(problems, settings, console.Sampling("sample"), cts.Token);
                    var graded = new SampleGrader().GradeAll(raw);
                    var path = parse.GetValue(output)!;
                    if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
                    SampleFile.Write(path, graded);
                    console.EndLine();
                    long tokens = raw.Sum(p => p.Completions.Sum(c => (long)c.Tokens));
                    int n = graded.Sum(g => g.Samples.Count);
                    int correct = graded.Sum(g => g.CorrectCount);
                    int covered = graded.Count(g => g.CorrectCount > 0);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} completions, {1:P1} correct, {2}/{3} problems with a correct one; {4:F0} tokens/s, {5:F2} problems/s; wrote {6}",
                        n, n == 0 ? 0 : (double)correct / n, covered, graded.Count, tokens / clock.Elapsed.TotalSeconds, graded.Count / clock.Elapsed.TotalSeconds, path));
                }
                return 0;
            }, console);
        });
        return command;
    }
}
