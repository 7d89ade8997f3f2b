using System.Text.RegularExpressions;

namespace Sift.Rewards;

/// <summary>
/// The program inside a sampled response: the first <c>```python</c> (or <c>```py</c>) fenced block when there
/// is one, else the first plain <c>```</c> fenced block, else the whole response. An unclosed fence runs to the
/// end of the response (a sample cut by the token limit).
/// </summary>
public static partial class CodeExtraction
{
    [GeneratedRegex(@"```[ \t]*(?<lang>[A-Za-z0-9_+-]*)[^\n]*\n(?<body>.*?)(```|\z)", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    /// <summary>The code to run for <paramref name="response"/>.</summary>
    public static string Extract(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? plain = null;
        foreach (Match match in FencePattern().Matches(response))
        {
            var lang = match.Groups["lang"].Value;
            if (lang.Equals("python", StringComparison.OrdinalIgnoreCase) || lang.Equals("py", StringComparison.OrdinalIgnoreCase) || lang.Equals("python3", StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups["body"].Value;
            }
            if (lang.Length == 0)
            {
                plain ??= match.Groups["body"].Value;
            }
        }
        return plain ?? response;
    }
}
