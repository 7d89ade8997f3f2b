using System.Globalization;

namespace Sift.Pipelines.Sweeps;

/// <summary>A fraction of the training set, kept with the label it was written as ("1/32", "0.25").</summary>
public sealed record SweepFraction(double Value, string Label)
{
    /// <summary>Parses "p/q" or a decimal in (0, 1]; null when the text is neither.</summary>
    public static SweepFraction? TryParse(string text)
    {
        text = text.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        double value;
        if (slash > 0)
        {
            if (!double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var p)) return null;
            if (!double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) || q == 0) return null;
            value = p / q;
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        return value is > 0 and <= 1 ? new SweepFraction(value, text.Replace(" ", "", StringComparison.Ordinal)) : null;
    }

    /// <summary>
    /// Training problems used at this fraction of <paramref name="trainCount"/>: round half away from
    /// zero, at least 1 (so 1/32 of 1,500 = 46.875 → 47, and 1/32 of 20 = 0.625 → 1).
    /// </summary>
    public int Amount(int trainCount) => Math.Clamp((int)Math.Round(Value * trainCount, MidpointRounding.AwayFromZero), 1, Math.Max(1, trainCount));

    /// <summary>The label as a file-name-safe token ("1/32" → "1_32").</summary>
    public string Token => Label.Replace('/', '_');
}
