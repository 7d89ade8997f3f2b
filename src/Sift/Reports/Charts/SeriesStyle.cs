namespace Sift.Reports.Charts;

/// <summary>How a <see cref="ChartSeries"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line (a lone point gets a marker so it still shows).</summary>
    Line,

    /// <summary>A solid line with a marker on every point.</summary>
    LineMarkers,

    /// <summary>A dashed line (fits, per-seed curves).</summary>
    Dashed,

    /// <summary>Markers only (scatter plots, held-out losses).</summary>
    Markers,
}
