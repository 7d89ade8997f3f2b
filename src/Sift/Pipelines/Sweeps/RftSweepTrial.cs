using Sift.Eval;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Methods.Rft;
using Sift.Pipelines;
using Sift.Inference;
using Sift.Model.Sampling;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Rejection-sampling fine-tuning at the point's k (Yuan et al. 2023): the SFT model of the point's
/// data, model and seed (trained once under RUN/shared and reused by every k), max-k samples per
/// training problem at the experiment's RFT temperature (drawn once; a smaller k takes each problem's
/// first k samples, so the RFT sets are nested in k), the distinct correct paths plus the reference
/// solutions fine-tuned from the base model (the SFT model's initial weights), and greedy accuracy of
/// the RFT model. The SFT model's accuracy and the set's size go into the details.
/// </summary>
public sealed class RftSweepTrial : ISweepTrial
{
    public string Kind => "rft";

    public SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken)
    {
        var point = context.Point;
        int k = point.RftK ?? throw new InvalidOperationException($"{point.Name}: an rft trial needs an RFT k");
        int maxK = context.Sweep.RftKs?.Max() ?? k;
        var pairs = context.Train.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
        if (pairs.Length == 0) throw new InvalidOperationException($"{point.Name}: none of its {context.Train.Count} training problems has a reference solution");

        var sftDir = context.Shared.Child(string.Format(CultureInfo.InvariantCulture, "sft-frac-{0}-model-{1}-seed-{2}", point.Fraction.Token, point.Model.Name, point.Seed));
        var sftLabel = $"{sftDir.Root[(context.Shared.Root.Length + 1)..]}: SFT";
        var sft = SweepTraining.TrainOrLoad(context, sftDir, sftLabel, "init/a", pairs, SweepTraining.Options(context, "sft/a"), cancellationToken);
        GradedProblem[] samples;
        double sftAccuracy;
        using (sft.Model)
        {
            sftAccuracy = SweepTraining.EvaluateGreedy(context, sftDir, $"{sftLabel} evaluate", sft.Model, cancellationToken);
            samples = SampleOnce(context, sftDir, sft.Model, maxK, cancellationToken);
        }
        var firstK = samples.Select(p => p with { Samples = p.Samples.Take(k).ToArray() }).ToArray();
        var data = RftDatasetBuilder.Build(context.Train, [firstK], new RftOptions { CheckAnnotations = context.Experiment.Rft.CheckAnnotations });
        context.Reporter.Info($"{point.Name}: RFT set: {data.Summary()}");
        var training = SweepTraining.Options(context, "rft/a", context.Experiment.Rft.Training);
        // Fine-tune the BASE model (the SFT model's initial weights, same init stream), as the paper does.
        var rft = SweepTraining.TrainOrLoad(context, context.Directory, $"{point.Name}: RFT k={k}", "init/a", data.Pairs, training, cancellationToken);
        using var model = rft.Model;
        double accuracy = SweepTraining.EvaluateGreedy(context, context.Directory, $"{point.Name}: evaluate", model, cancellationToken);
        var details = new JsonObject
        {
            ["sft_accuracy"] = SweepTraining.Finite(sftAccuracy),
            ["sft_final_loss"] = SweepTraining.Finite(sft.FinalLoss),
            ["rft_pairs"] = data.Pairs.Count,
            ["sampled_paths"] = data.SampledPaths,
        };
        return new SweepTrialOutcome(accuracy, rft.FinalLoss, rft.HeldOutLoss, details);
    }

    private static GradedProblem[] SampleOnce(SweepTrialContext context, Sift.Runs.RunDirectory sftDir, Sift.Model.TransformerModel model, int k, CancellationToken ct)
    {
        var path = sftDir.SamplesFile(string.Format(CultureInfo.InvariantCulture, "train-k{0}.jsonl", k));
        if (File.Exists(path)) return SampleFile.Read(path).ToArray();
        var e = context.Experiment;
        var label = $"{Path.GetFileName(sftDir.Root)}: sample k={k} per training problem";
        context.Reporter.Stage(label);
        var clock = Stopwatch.StartNew();
        var settings = SamplingSettings.Sampled(k, e.Rft.Temperature, e.MaxNewTokens, e.SampleBatch, SeedDerivation.DeriveSeed(context.Point.Seed, "rft-samples/a"));
        var raw = new ProblemSampler(model, context.Tokenizer, context.Template).Sample(context.Train, settings, context.Reporter.Sampling(label), ct);
        var graded = new SampleGrader().GradeAll(raw).ToArray();
        SampleFile.Write(path, graded);
        context.Reporter.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} samples, {2:P1} correct, {3:F1} s", label, graded.Sum(g => g.Samples.Count),
            graded.Sum(g => g.CorrectCount) / (double)Math.Max(1, graded.Sum(g => g.Samples.Count)), clock.Elapsed.TotalSeconds));
        return graded;
    }
}
