using System.Diagnostics;
using Sift.Model.Generation;
using Sift.Model.Sampling;

namespace Sift.Model.Benchmarks;

/// <summary>What <see cref="SampleBenchmark.Run"/> measured.</summary>
public sealed record SampleBenchmarkResult(string Config, int Batch, int PromptTokens, int NewTokens, int Threads, string Gemm, double MsPerCall, double TokensPerSecond, double Gflops, IReadOnlyList<double> CallMs);

/// <summary>
/// Times batched generation with the KV cache as bench/torch_sample.py does: every row gets a random
/// prompt, then new tokens are generated with no early stop; tokens/s = batch·new tokens / wall
/// time of the whole call (prefill included), median over the timed calls after one warm-up call.
/// </summary>
public static class SampleBenchmark
{
    public static SampleBenchmarkResult Run(string configName, int batch, int promptTokens = 16, int newTokens = 128, int repeats = 3,
        SamplingOptions? sampling = null, ulong seed = 1337, Action<string>? log = null, Tensors.IGemm? gemm = null)
    {
        var config = NamedConfigs.Get(configName);
        using var model = TransformerModel.Create(config, seed, gemm);
        int maxSeq = Math.Min(config.MaxPositionEmbeddings, promptTokens + newTokens + 1);
        using var generator = new TextGenerator(model, batch, maxSeq);
        var rng = new Random((int)seed);
        var prompts = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, promptTokens).Select(_ => rng.Next(config.VocabSize)).ToArray()).ToArray();
        var options = (sampling ?? SamplingOptions.Greedy) with { MaxNewTokens = newTokens, StopTokenIds = [], StopStrings = [], Seed = seed };
        log?.Invoke($"config {configName}: batch {batch}, prompt {promptTokens}, new tokens {newTokens}, gemm {generator.Gemm.Name} (prefill; decode uses RowLinear), threads {Tensors.ParallelPlan.ThreadCount}");
        var times = new List<double>();
        for (int i = 0; i < repeats + 1; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var results = generator.Generate(prompts, options);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            int produced = results.Sum(r => r.Tokens.Length);
            log?.Invoke($"call {i} ({(i == 0 ? "warm-up" : "timed")}): {produced} tokens, {ms:F0} ms, {produced / (ms / 1000):F1} tokens/s");
            if (i > 0) times.Add(ms);
        }
        double median = Tensors.GemmBenchmark.Median(times.ToArray());
        double tps = (double)batch * newTokens / (median / 1000);
        double flops = 0;
        for (int t = 0; t < newTokens; t++) flops += batch * ModelFlops.DecodeToken(config, model.Parameters, promptTokens + t + 1);
        return new SampleBenchmarkResult(configName, batch, promptTokens, newTokens, Tensors.ParallelPlan.ThreadCount, generator.Gemm.Name, median, tps, flops / (median / 1000) / 1e9, times);
    }
}
