namespace Sift.Reports.Charts;

/// <summary>Series colours (Tableau 10, readable on white and for common colour-vision deficiencies), then dash patterns once they run out.</summary>
public static class ChartPalette
{
    private static readonly string[] Colors = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3"];

    public static string Color(int index) => Colors[index % Colors.Length];

    /// <summary>A stroke-dasharray telling apart series that share a colour ("" for the first cycle).</summary>
    public static string Dash(int index) => Dashes[index / Colors.Length % Dashes.Length];
}
