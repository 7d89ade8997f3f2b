using System.Globalization;
using System.Text;

namespace Sift.Reports;

/// <summary>
/// Text helpers shared by the HTML page and its SVG charts: escaping (run names, config text and
/// JSON strings are untrusted: none may inject markup) and invariant, fixed-precision numbers so
/// the same input gives the same bytes on any machine.
/// </summary>
public static class Markup
{
    /// <summary>Escapes text for HTML/XML element content and double- or single-quoted attributes.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters other than tab/newline are not allowed in XML; drop them.
                    if (c < ' ' && c != '\n' && c != '\t' && c != '\r') break;
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An SVG coordinate: two decimals at most, invariant culture.</summary>
    public static string Coord(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percent ("34.5%"), or "–" when absent.</summary>
    public static string Percent(double? fraction, int decimals = 1) =>
        fraction is { } f ? (100 * f).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals, or "–" when absent.</summary>
    public static string Number(double? value, int decimals = 3) =>
        value is { } v ? Math.Round(v, decimals).ToString("0." + new string('#', Math.Max(1, decimals)), CultureInfo.InvariantCulture) : "–";

    /// <summary>A short number for an axis tick: integers plainly, others with few digits.</summary>
    public static string Tick(double v)
    {
        if (v == 0) return "0";
        if (Math.Abs(v - Math.Round(v)) < 1e-9 * Math.Max(1, Math.Abs(v)))
        {
            var r = Math.Round(v);
            return Math.Abs(r) >= 100000 ? r.ToString("0.##e0", CultureInfo.InvariantCulture) : r.ToString("0", CultureInfo.InvariantCulture);
        }
        return v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>A tick of a log axis (powers of two): as <see cref="Tick"/>, but 1/2^n below one ("1/32": a data fraction).</summary>
    public static string LogTick(double v)
    {
        if (v > 0 && v < 1)
        {
            double inv = 1 / v;
            if (Math.Abs(inv - Math.Round(inv)) < 1e-9 * inv && Math.Round(inv) <= 4096) return "1/" + Math.Round(inv).ToString("0", CultureInfo.InvariantCulture);
        }
        return Tick(v);
    }

    /// <summary>An axis tick of a fraction axis, in percent ("35%", "2.5%").</summary>
    public static string PercentTick(double fraction) => (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
