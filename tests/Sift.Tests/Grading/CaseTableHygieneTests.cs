using System.Collections;
using System.Reflection;

namespace Sift.Tests.Grading;

/// <summary>
/// Guards the grader case tables against LaTeX written in a non-verbatim C# string, where a
/// backslash-letter is an escape ("\times" is a TAB + "imes", "\frac" a form feed, "\boxed" a
/// backspace): such a case silently tests something other than what it documents.
/// </summary>
public sealed class CaseTableHygieneTests
{
    // Model outputs legitimately span lines; every other control character is an escape mistake.
    private static readonly char[] Allowed = ['\n'];

    /// <summary>Every public static TheoryData / IEnumerable&lt;object[]&gt; member of the grading test classes, with its rows.</summary>
    private static IEnumerable<(string Table, object?[] Row)> Tables()
    {
        var types = typeof(CaseTableHygieneTests).Assembly.GetTypes().Where(t => t.Namespace == typeof(CaseTableHygieneTests).Namespace);
        foreach (var type in types)
        {
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetProperties(Flags).Select(p => (p.Name, Type: p.PropertyType, Get: (Func<object?>)(() => p.GetValue(null))))
                .Concat(type.GetMethods(Flags).Where(m => m.GetParameters().Length == 0 && !m.IsSpecialName)
                    .Select(m => (m.Name, Type: m.ReturnType, Get: (Func<object?>)(() => m.Invoke(null, null)))));
            foreach (var (name, memberType, get) in members)
            {
                if (!typeof(IEnumerable<object[]>).IsAssignableFrom(memberType)) continue;
                foreach (var row in (IEnumerable<object?[]>)get()!) yield return ($"{type.Name}.{name}", row);
            }
        }
    }

    [Fact]
    public void No_grader_case_holds_a_control_character()
    {
        var tables = new HashSet<string>();
        var bad = new List<string>();
        int strings = 0;
        foreach (var (table, row) in Tables())
        {
            tables.Add(table);
            foreach (var s in row.OfType<string>())
            {
                strings++;
                // The adversarial inputs are up to a megabyte of generated text: their pieces are checked, a prefix is enough.
                var text = s.Length > 4096 ? s[..4096] : s;
                int at = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
                while (at >= 0 && Array.IndexOf(Allowed, text[at]) >= 0)
                {
                    int next = text.AsSpan(at + 1).IndexOfAnyInRange('\0', '\u001f');
                    at = next < 0 ? -1 : at + 1 + next;
                }
                if (at >= 0 || text.Contains('\u007f')) bad.Add($"{table}: U+{(int)text[Math.Max(at, 0)]:X4} in {Show(text)}");
            }
        }
        // The scan must have seen the tables, or it proves nothing.
        Assert.Contains("KnownFailureCases.Cases", tables);
        Assert.Contains("MathVerifyCases.LatexNotation", tables);
        Assert.True(tables.Count >= 25 && strings >= 1000, $"only {tables.Count} tables / {strings} strings scanned");
        Assert.True(bad.Count == 0, "control characters (a LaTeX backslash read as a C# escape? use @\"...\"):\n" + string.Join("\n", bad));
    }

    private static string Show(string s) => string.Concat(s.Take(80).Select(c => c < ' ' ? $"\\u{(int)c:X4}" : c.ToString()));
}
