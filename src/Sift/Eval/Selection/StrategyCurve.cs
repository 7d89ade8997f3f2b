namespace Sift.Eval.Selection;

/// <summary>One strategy's accuracy (fraction of problems) at each k of <see cref="RerankReport.Ks"/>.</summary>
public sealed record StrategyCurve(string Name, IReadOnlyList<double> Accuracy);
