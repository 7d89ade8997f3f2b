namespace Sift.Reports.Charts;

/// <summary>One colour of a grouped <see cref="BarChart"/>: a value per category (null: no bar).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double?> Values);
