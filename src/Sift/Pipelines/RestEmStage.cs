using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.Methods.RestEm;
using Sift.Rewards;
using Sift.Runs;
using Sift.Training;
using Sift.Inference;
using Sift.Model.Sampling;

namespace Sift.Pipelines;

/// <summary>
/// ReST-EM inside an experiment (Singh et al. 2023): SFT model A samples the first E-step, every
/// M-step fine-tunes A's base weights, and the seed's result is the "restem" object of results.json
/// (<c>{"sft_greedy", "iterations": [{"iteration", "test_greedy", "train_solved", "kept_samples", ...}]}</c>).
/// Resumable: <see cref="RestEmRunner"/> skips finished iterations.
/// </summary>
public static class RestEmStage
{
    /// <param name="rftSamplesA">RFT's samples of model A on the training problems (null: none); reused as the first E-step when drawn with the same k, temperature and top-k.</param>
    public static JsonObject Run(ExperimentOptions options, int seed, RunDirectory dir, RunDirectory sftA, IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, PromptTemplate template, IReadOnlyList<GradedProblem>? rftSamplesA, IProgressReporter reporter, CancellationToken ct)
    {
        var o = options.RestEm;
        var restem = new RestEmOptions
        {
            Iterations = o.Iterations,
            K = o.K,
            Temperature = o.Temperature,
            TopK = o.TopK,
            MaxPerProblem = o.MaxPerProblem,
            ContinueFromPrevious = o.ContinueFromPrevious,
            // No validation split in the experiment: every iteration runs, so the curve shows whether later ones help.
            Patience = 0,
            Sft = o.Training ?? options.Sft,
            Seed = SeedDerivation.DeriveSeed(seed, "restem"),
            Template = template,
            MaxNewTokens = options.MaxNewTokens,
            SampleBatch = options.SampleBatch,
        };
        reporter.Stage($"seed {seed}: ReST-EM, {o.Iterations} iterations of k={o.K}");
        // The reward RFT filters with: a correct final answer and, where asked, correct <<a=b>> annotations.
        var reward = new MathAnswerReward(requireCorrectAnnotations: options.Rft.CheckAnnotations);
        // RFT samples with k, T and no top-k filter from the same model: the same draw the first E-step would make.
        bool reuse = rftSamplesA is not null && options.Rft.Enabled && options.Rft.K == o.K && options.Rft.Temperature == o.Temperature && o.TopK == 0;
        var first = reuse
            ? rftSamplesA!.Select((g, i) => new ProblemSamples(train[i], g.Prompt, g.Samples.Select(s => new Completion(s.Text, s.Tokens, "reused")).ToArray())).ToArray()
            : null;
        var results = new RestEmRunner(restem, reward, dir, reporter) { FirstEStepSamples = first }
            .Execute(sftA.CheckpointDir("final"), sftA.CheckpointDir("base"), train, test, null, ct);
        reporter.Info($"seed {seed}: ReST-EM\n{results.Table()}");
        var iterations = new JsonArray();
        foreach (var it in results.Iterations)
        {
            iterations.Add(new JsonObject
            {
                ["iteration"] = it.Iteration,
                ["test_greedy"] = it.TestGreedy,
                ["train_solved"] = it.TrainSolved,
                ["kept_samples"] = it.KeptSamples,
                ["rewarded_samples"] = it.RewardedSamples,
                ["steps"] = it.Steps,
            });
        }
        return new JsonObject { ["sft_greedy"] = results.SftGreedy, ["iterations"] = iterations };
    }
}
