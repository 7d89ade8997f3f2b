namespace Sift.Reports.Charts;

/// <summary>One (x, y) data point of a line or scatter series.</summary>
public readonly record struct ChartPoint(double X, double Y);
