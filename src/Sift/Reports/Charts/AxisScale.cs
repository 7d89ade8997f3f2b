namespace Sift.Reports.Charts;

/// <summary>
/// Maps data values onto [0, 1] of a chart axis and chooses its ticks: linear axes get "nice"
/// bounds and steps (1, 2, 5 × 10^n); log axes get powers of two (powers of ten when the data spans
/// more than 2^10), with bounds on those ticks.
/// </summary>
public sealed class AxisScale
{
    private AxisScale(double min, double max, bool isLog, IReadOnlyList<double> ticks)
    {
        Min = min;
        Max = max;
        IsLog = isLog;
        Ticks = ticks;
    }

    public double Min { get; }
    public double Max { get; }
    public bool IsLog { get; }
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Where <paramref name="value"/> falls between <see cref="Min"/> (0) and <see cref="Max"/> (1).</summary>
    public double Fraction(double value)
    {
        if (IsLog) return (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min));
        return (value - Min) / (Max - Min);
    }

    /// <summary>A linear axis covering [<paramref name="dataMin"/>, <paramref name="dataMax"/>] (and zero when asked).</summary>
    public static AxisScale Linear(double dataMin, double dataMax, bool includeZero = false)
    {
        if (!double.IsFinite(dataMin) || !double.IsFinite(dataMax)) throw new ArgumentException("axis bounds must be finite");
        if (includeZero)
        {
            dataMin = Math.Min(0, dataMin);
            dataMax = Math.Max(0, dataMax);
        }
        if (dataMax - dataMin < 1e-12)
        {
            double pad = Math.Abs(dataMin) > 1e-12 ? Math.Abs(dataMin) * 0.1 : 1;
            dataMin -= includeZero && dataMin >= 0 ? 0 : pad;
            dataMax += pad;
        }
        double step = NiceStep((dataMax - dataMin) / 5);
        double lo = Math.Floor(dataMin / step + 1e-9) * step;
        double hi = Math.Ceiling(dataMax / step - 1e-9) * step;
        var ticks = new List<double>();
        for (int i = 0; lo + i * step <= hi + step * 1e-6; i++) ticks.Add(Math.Round(lo + i * step, 12));
        return new AxisScale(lo, hi, false, ticks);
    }

    /// <summary>A log axis over positive values.</summary>
    public static AxisScale Log(double dataMin, double dataMax)
    {
        if (!(dataMin > 0) || !(dataMax > 0) || !double.IsFinite(dataMin) || !double.IsFinite(dataMax)) throw new ArgumentException("a log axis needs positive, finite bounds");
        if (dataMax < dataMin) (dataMin, dataMax) = (dataMax, dataMin);
        double b = dataMax / dataMin > 1024 ? 10 : 2;
        double lo = Math.Pow(b, Math.Floor(Math.Log(dataMin, b) + 1e-9));
        double hi = Math.Pow(b, Math.Ceiling(Math.Log(dataMax, b) - 1e-9));
        if (hi <= lo) hi = lo * b;
        var ticks = new List<double>();
        for (double t = lo; t <= hi * (1 + 1e-9); t *= b) ticks.Add(t);
        return new AxisScale(lo, hi, true, ticks);
    }

    private static double NiceStep(double rough)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double r = rough / magnitude;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
