using Sift.Model;
using Sift.Model.Benchmarks;
using System.Diagnostics;
using Sift.Training;

namespace Sift.Training.Benchmarks;

/// <summary>What <see cref="TrainBenchmark.Run"/> measured (medians over the timed steps).</summary>
public sealed record TrainBenchmarkResult(string Config, int Batch, int Seq, int Threads, string Gemm, double MsPerStep, double TokensPerSecond, double Gflops, IReadOnlyList<double> StepMs, float LastLoss);

/// <summary>
/// Times full training steps (forward, cross-entropy, backward, clipping, AdamW) of a named config
/// on random tokens, as bench/torch_train.py does for PyTorch: warm-up steps excluded, median
/// step time reported.
/// </summary>
public static class TrainBenchmark
{
    public static TrainBenchmarkResult Run(string configName, int batch, int seq, int steps, int warmup = 2, ulong seed = 1337, Action<string>? log = null, Tensors.IGemm? gemm = null)
    {
        var config = NamedConfigs.Get(configName);
        using var model = TransformerModel.Create(config, seed, gemm);
        using var step = new TrainStep(model, batch, seq, new TrainStepOptions { Schedule = LearningRateSchedule.Constant(3e-4), MaxGradNorm = 1f });
        var rng = new Random((int)seed);
        var ids = new int[batch * (seq + 1)];
        for (int i = 0; i < ids.Length; i++) ids[i] = rng.Next(config.VocabSize);
        var tokens = new int[batch * seq];
        var targets = new int[batch * seq];
        var weights = new float[batch * seq];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < seq; t++)
            {
                tokens[b * seq + t] = ids[b * (seq + 1) + t];
                targets[b * seq + t] = ids[b * (seq + 1) + t + 1];
                weights[b * seq + t] = 1f;
            }
        }
        var mb = new MicroBatch(tokens, targets, weights, batch, seq);
        log?.Invoke($"config {configName}: {model.Parameters.ParameterCount / 1e6:F2}M parameters, B={batch} T={seq}, gemm {model.Gemm.Name}, threads {Tensors.ParallelPlan.ThreadCount}, activations {step.Graph.ActivationFloats * 4 / 1e6:F0} MB");
        var times = new List<double>();
        float loss = 0;
        for (int i = 0; i < warmup + steps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            loss = step.Run(mb).Loss;
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            log?.Invoke($"step {i} ({(i < warmup ? "warm-up" : "timed")}): loss {loss:F4}, {ms:F1} ms");
            if (i >= warmup) times.Add(ms);
        }
        double median = Median(times);
        double tps = batch * seq / (median / 1000);
        double gflops = ModelFlops.TrainStep(config, model.Parameters, batch, seq) / (median / 1000) / 1e9;
        return new TrainBenchmarkResult(configName, batch, seq, Tensors.ParallelPlan.ThreadCount, model.Gemm.Name, median, tps, gflops, times, loss);
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
