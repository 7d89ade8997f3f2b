using System.CommandLine;
using System.Text.Json;
using Sift.Model.Benchmarks;
using Sift.Model.Sampling;
using Sift.Tensors;
using Sift.Training.Benchmarks;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift bench train|sample|gemm`: throughput of the engine on named configs, with --json printing
/// one JSON object as the last line (the fields bench/compare.sh and the PyTorch scripts share).
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public Command Build()
    {
        var bench = new Command("bench", "Measure training, sampling and GEMM throughput (tokens/s, GFLOP/s).");
        bench.Subcommands.Add(BuildTrain());
        bench.Subcommands.Add(BuildSample());
        bench.Subcommands.Add(BuildGemm());
        return bench;
    }

    private static Option<int?> ThreadsOption() => new("--threads") { Description = "Kernel threads (default: SIFT_THREADS or every core)." };

    private static Option<string> GemmOption() => new("--gemm") { Description = "GEMM: auto (SIFT_GEMM or the best available), managed, openblas, naive.", DefaultValueFactory = _ => "" };

    private static IGemm? PickGemm(string name) => string.IsNullOrWhiteSpace(name) ? null : GemmFactory.Create(name);

    private static void ApplyThreads(int? threads)
    {
        if (threads is { } t) ParallelPlan.ThreadCount = t;
    }

    private static Command BuildTrain()
    {
        var config = new Option<string>("--config") { Description = "Named config (gpt2-124m, small, tiny-llama, tiny-gpt2).", DefaultValueFactory = _ => "gpt2-124m" };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default: 4 for gpt2-124m, 8 otherwise)." };
        var seq = new Option<int?>("--seq") { Description = "Sequence length (default: 64 for gpt2-124m, 256 for small)." };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed warm-up steps.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line." };
        var threads = ThreadsOption();
        var gemm = GemmOption();
        var command = new Command("train", "Time full training steps (forward, backward, AdamW) on random tokens.");
        foreach (var o in new Option[] { config, batch, seq, steps, warmup, json, threads, gemm }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            ApplyThreads(parse.GetValue(threads));
            string name = parse.GetValue(config)!;
            bool big = name.Equals("gpt2-124m", StringComparison.OrdinalIgnoreCase);
            int b = parse.GetValue(batch) ?? (big ? 4 : 8);
            int t = parse.GetValue(seq) ?? Math.Min(big ? 64 : 256, Model.NamedConfigs.Get(name).MaxPositionEmbeddings);
            var r = TrainBenchmark.Run(name, b, t, parse.GetValue(steps), parse.GetValue(warmup), log: Console.WriteLine, gemm: PickGemm(parse.GetValue(gemm)!));
            Console.WriteLine($"median {r.MsPerStep:F1} ms/step, {r.TokensPerSecond:F1} tokens/s, {r.Gflops:F1} GFLOP/s");
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["config"] = r.Config, ["tokens_per_s"] = Math.Round(r.TokensPerSecond, 2), ["gflops"] = Math.Round(r.Gflops, 2),
                    ["ms_per_step"] = Math.Round(r.MsPerStep, 2), ["threads"] = r.Threads, ["batch"] = r.Batch, ["seq"] = r.Seq,
                    ["impl"] = "sift", ["gemm"] = r.Gemm,
                }));
            }
            return 0;
        });
        return command;
    }

    private static Command BuildSample()
    {
        var config = new Option<string>("--config") { Description = "Named config.", DefaultValueFactory = _ => "small" };
        var batch = new Option<int>("--batch") { Description = "Sequences generated together.", DefaultValueFactory = _ => 1 };
        var prompt = new Option<int>("--prompt") { Description = "Random prompt tokens per row.", DefaultValueFactory = _ => 16 };
        var newTokens = new Option<int>("--new-tokens") { Description = "Tokens generated per row (no early stop).", DefaultValueFactory = _ => 128 };
        var repeats = new Option<int>("--repeats") { Description = "Timed generate calls (median reported).", DefaultValueFactory = _ => 3 };
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy.", DefaultValueFactory = _ => 0f };
        var topK = new Option<int>("--top-k") { Description = "Top-k (0 = off).", DefaultValueFactory = _ => 0 };
        var topP = new Option<float>("--top-p") { Description = "Top-p (1 = off).", DefaultValueFactory = _ => 1f };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line." };
        var threads = ThreadsOption();
        var gemm = GemmOption();
        var command = new Command("sample", "Time batched generation with the KV cache.");
        foreach (var o in new Option[] { config, batch, prompt, newTokens, repeats, temperature, topK, topP, json, threads, gemm }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            ApplyThreads(parse.GetValue(threads));
            var sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), TopP = parse.GetValue(topP) };
            var r = SampleBenchmark.Run(parse.GetValue(config)!, parse.GetValue(batch), parse.GetValue(prompt), parse.GetValue(newTokens), parse.GetValue(repeats), sampling, log: Console.WriteLine, gemm: PickGemm(parse.GetValue(gemm)!));
            Console.WriteLine($"median {r.MsPerCall:F0} ms per generate, {r.TokensPerSecond:F1} tokens/s, {r.Gflops:F1} GFLOP/s");
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["config"] = r.Config, ["tokens_per_s"] = Math.Round(r.TokensPerSecond, 2), ["batch"] = r.Batch, ["gflops"] = Math.Round(r.Gflops, 2),
                    ["threads"] = r.Threads, ["new_tokens"] = r.NewTokens, ["prompt_tokens"] = r.PromptTokens, ["impl"] = "sift", ["gemm"] = r.Gemm,
                }));
            }
            return 0;
        });
        return command;
    }

    private static Command BuildGemm()
    {
        var impls = new Option<string>("--impl") { Description = "Comma-separated implementations (default: every available but naive).", DefaultValueFactory = _ => "" };
        var runs = new Option<int>("--runs") { Description = "Timed runs per shape (median reported).", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object as the last line." };
        var threads = ThreadsOption();
        var command = new Command("gemm", "Time SGEMM implementations on the standard shapes, interleaved.");
        foreach (var o in new Option[] { impls, runs, json, threads }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            ApplyThreads(parse.GetValue(threads));
            string list = parse.GetValue(impls)!;
            var names = string.IsNullOrWhiteSpace(list) ? GemmFactory.Available.Where(n => n != "naive").ToArray() : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var gemms = names.Select(GemmFactory.Create).ToArray();
            var rows = new List<Dictionary<string, object>>();
            foreach (var shape in GemmBenchmark.StandardShapes)
            {
                foreach (var r in GemmBenchmark.RunInterleaved(gemms, shape, parse.GetValue(runs)))
                {
                    Console.WriteLine($"{r.Implementation,-9} {shape,-48} {r.MedianGflops,8:F1} GFLOP/s  {r.MedianMilliseconds,9:F2} ms");
                    rows.Add(new Dictionary<string, object> { ["impl"] = r.Implementation, ["shape"] = shape.Label, ["m"] = shape.M, ["n"] = shape.N, ["k"] = shape.K, ["gflops"] = Math.Round(r.MedianGflops, 2) });
                }
            }
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["threads"] = ParallelPlan.ThreadCount, ["results"] = rows }));
            return 0;
        });
        return command;
    }
}
