using Sift.Reports.Charts;

namespace Sift.Reports;

/// <summary>
/// The training curve of one stage: "train" losses and held-out "eval_loss" values against the
/// optimizer step, from one <c>log.jsonl</c>. <paramref name="RelativePath"/> is the stage's folder
/// relative to the run ("." for the run itself, "seed-1/sft-a" in a demo).
/// </summary>
public sealed record LossCurve(string RelativePath, IReadOnlyList<ChartPoint> Train, IReadOnlyList<ChartPoint> HeldOut)
{
    /// <summary>The stage name: the last folder of <see cref="RelativePath"/> ("sft-a"), or "run" for the run itself.</summary>
    public string Stage => RelativePath == "." ? "run" : RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>What comes before the stage ("seed-1"), or "" when the stage sits at the run's top.</summary>
    public string Prefix => RelativePath.LastIndexOf('/') is var i && i > 0 ? RelativePath[..i] : "";
}
