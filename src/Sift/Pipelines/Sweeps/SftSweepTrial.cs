namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Plain SFT on the point's data: a fresh model of the point's size trained on the first
/// <see cref="SweepPoint.Amount"/> reference solutions, then greedy accuracy on the test set. Seeds
/// are derived like the experiment pipeline's SFT model A ("init/a", "sft/a"), so the full-data point
/// trains the same model as `sift run` with the same tokenizer.
/// </summary>
public sealed class SftSweepTrial : ISweepTrial
{
    public string Kind => "sft";

    public SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken)
    {
        var pairs = context.Train.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
        if (pairs.Length == 0) throw new InvalidOperationException($"{context.Point.Name}: none of its {context.Train.Count} training problems has a reference solution to fine-tune on");
        var label = $"{context.Point.Name}: SFT";
        var trained = SweepTraining.TrainOrLoad(context, context.Directory, label, "init/a", pairs, SweepTraining.Options(context, "sft/a"), cancellationToken);
        using var model = trained.Model;
        double accuracy = SweepTraining.EvaluateGreedy(context, context.Directory, $"{context.Point.Name}: evaluate", model, cancellationToken);
        return new SweepTrialOutcome(accuracy, trained.FinalLoss, trained.HeldOutLoss);
    }
}
