namespace Sift.Reports.Charts;

/// <summary>
/// A named series of a <see cref="LineChart"/>. <paramref name="ColorIndex"/> picks the palette colour
/// (null: the series' position), so related series (a curve and its held-out points) can share one.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, SeriesStyle Style = SeriesStyle.Line, int? ColorIndex = null)
{
    /// <summary>Whether the series gets a legend entry (a companion series explained in the text may not).</summary>
    public bool InLegend { get; init; } = true;
}
