namespace Sift.Reports.Charts;

/// <summary>One legend item: a swatch of <paramref name="ColorIndex"/>'s colour drawn as a line, dashed line, marker or bar.</summary>
public sealed record LegendEntry(string Name, int ColorIndex, SeriesStyle Style, bool Bar = false);
