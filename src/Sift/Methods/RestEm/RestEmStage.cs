using System.Text.Json.Nodes;
using Sift.Inference;
using Sift.Methods.Rft;
using Sift.Model.Sampling;
using Sift.Rewards;
using Sift.Training;

namespace Sift.Methods.RestEm;

/// <summary>
/// ReST-EM inside an experiment (Singh et al. 2023), for one seed: SFT model A samples the first
/// E-step, every M-step fine-tunes A's base weights, and the seed's result is the "restem" object of
/// results.json (<c>{"sft_greedy", "iterations": [{"iteration", "test_greedy", "train_solved", "kept_samples", ...}]}</c>).
/// Resumable: <see cref="RestEmRunner"/> skips finished iterations.
/// </summary>
public static class RestEmStage
{
    /// <param name="options">The method's options; the experiment's shared settings fill its template, decoding limits and (when <see cref="RestEmOptions.Training"/> is null) its M-step training.</param>
    /// <param name="rft">RFT's options: the reward checks annotations when RFT does, and RFT's draw of model A is reused as the first E-step when drawn with the same k, temperature and no top-k.</param>
    public static RestEmResults Run(RestEmOptions options, RftOptions rft, SharedSettings shared, SeedInputs seed, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rft);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(reporter);
        var restem = options with
        {
            // No validation split in the experiment: every iteration runs, so the curve shows whether later ones help.
            Patience = 0,
            Training = options.Training ?? shared.Sft,
            Seed = SeedDerivation.DeriveSeed(seed.Seed, "restem"),
            Template = shared.Template,
            MaxNewTokens = shared.MaxNewTokens,
            SampleBatch = shared.SampleBatch,
        };
        reporter.Stage($"seed {seed.Seed}: ReST-EM, {options.Iterations} iterations of k={options.K}");
        // The reward RFT filters with: a correct final answer and, where asked, correct <<a=b>> annotations.
        var reward = new MathAnswerReward(requireCorrectAnnotations: rft.CheckAnnotations);
        // RFT samples with k, T and no top-k filter from the same model: the same draw the first E-step would make.
        var samplesA = seed.TrainSamplesA;
        bool reuse = samplesA is not null && rft.Enabled && rft.K == options.K && rft.Temperature == options.Temperature && options.TopK == 0;
        var first = reuse
            ? samplesA!.Select((g, i) => new ProblemSamples(seed.Train[i], g.Prompt, g.Samples.Select(s => new Completion(s.Text, s.Tokens, "reused")).ToArray())).ToArray()
            : null;
        var results = new RestEmRunner(restem, reward, seed.Run.Child("restem"), reporter) { FirstEStepSamples = first }
            .Execute(seed.SftA.CheckpointDir("final"), seed.SftA.CheckpointDir("base"), seed.Train, seed.Test, null, ct);
        reporter.Info($"seed {seed.Seed}: ReST-EM\n{results.Table()}");
        return results;
    }

    /// <summary>The seed's "restem" object of results.json.</summary>
    public static JsonObject ToJson(RestEmResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
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
