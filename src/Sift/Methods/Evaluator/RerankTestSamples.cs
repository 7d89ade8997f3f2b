using Sift.Data;
using Sift.Eval;
using Sift.Inference;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Training;

namespace Sift.Methods.Evaluator;

/// <summary>n samples per test problem from SFT model A (<c>samples/sft-a-test-nN.jsonl</c>): what re-ranking and multi-task both score.</summary>
public static class RerankTestSamples
{
    /// <summary>The first <see cref="RerankOptions.TestProblems"/> test problems (0: all).</summary>
    public static IReadOnlyList<MathProblem> Problems(RerankOptions rerank, IReadOnlyList<MathProblem> test)
    {
        ArgumentNullException.ThrowIfNull(rerank);
        return rerank.TestProblems > 0 ? test.Take(rerank.TestProblems).ToArray() : test;
    }

    /// <summary>The graded samples, drawn once (read back on a rerun) at the evaluation's temperature.</summary>
    public static GradedProblem[] LoadOrSample(RerankOptions rerank, SharedSettings shared, SeedInputs seed, IReadOnlyList<MathProblem> problems, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rerank);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(seed);
        int n = rerank.N;
        var path = seed.Run.SamplesFile($"sft-a-test-n{n}.jsonl");
        if (File.Exists(path)) return SampleFile.Read(path).ToArray();
        var label = $"seed {seed.Seed}: sample n={n} per test problem from SFT model A ({problems.Count} problems)";
        var (model, tokenizer) = SavedModel.Load(seed.SftA.CheckpointDir("final"));
        using (model)
        {
            var settings = SamplingSettings.Sampled(n, shared.Eval.Sampling.Decoding.Temperature, shared.MaxNewTokens, shared.SampleBatch, SeedDerivation.DeriveSeed(seed.Seed, "rerank-samples"));
            return GradedSampling.LoadOrSample(path, label, model, tokenizer, shared.Template, problems, settings, reporter, ct);
        }
    }
}
