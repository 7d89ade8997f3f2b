namespace Sift.Reports.Charts;

/// <summary>How a chart axis is labelled and scaled. <paramref name="Format"/> writes tick labels (default: <see cref="Markup.Tick"/>, <see cref="Markup.LogTick"/> on a log axis).</summary>
public sealed record AxisSpec(string Label, bool Log = false, Func<double, string>? Format = null, bool IncludeZero = false)
{
    /// <summary>An axis of fractions shown as percent.</summary>
    public static AxisSpec Percent(string label, bool includeZero = false) => new(label, false, Markup.PercentTick, includeZero) { ValueFormat = v => Markup.Percent(v) };

    /// <summary>Writes a data value (bar labels, tooltips) where it needs more precision than a tick; default: the tick format.</summary>
    public Func<double, string>? ValueFormat { get; init; }

    public string FormatValue(double v) => (ValueFormat ?? FormatTick)(v);

    public string FormatTick(double v) => (Format ?? (Log ? Markup.LogTick : Markup.Tick))(v);
}
