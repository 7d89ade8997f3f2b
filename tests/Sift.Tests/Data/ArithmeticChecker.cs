using System.Globalization;
using System.Text.RegularExpressions;

namespace Sift.Tests.Data;

/// <summary>
/// An evaluator written for the tests, independent of the generator: parses GSM8K-style solution
/// text, evaluates each annotation's left side (+, -, *, / and parentheses, exact rationals) and
/// checks it against the written result.
/// </summary>
internal static partial class ArithmeticChecker
{
    [GeneratedRegex(@"<<([^<>]*)>>")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    /// <summary>The annotations as (left-hand side, written result).</summary>
    public static List<(string Expression, long Result)> Annotations(string solution)
        => Annotation().Matches(solution).Select(m =>
        {
            var parts = m.Groups[1].Value.Split('=');
            Assert.Equal(2, parts.Length);
            return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
        }).ToList();

    /// <summary>The number after "#### ".</summary>
    public static long FinalAnswer(string solution)
    {
        var at = solution.LastIndexOf("#### ", StringComparison.Ordinal);
        Assert.True(at >= 0, "no #### line");
        return long.Parse(solution[(at + 5)..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Whole numbers written in a text.</summary>
    public static HashSet<long> NumbersIn(string text)
        => Number().Matches(text).Select(m => long.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>Exact value of an expression over integers with + - * / and parentheses, as numerator/denominator.</summary>
    public static (long Num, long Den) Evaluate(string expression)
    {
        var position = 0;
        var value = Sum(expression.Replace(" ", "", StringComparison.Ordinal), ref position);
        return value;
    }

    private static (long, long) Sum(string s, ref int i)
    {
        var acc = ProductOf(s, ref i);
        while (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            var op = s[i++];
            var rhs = ProductOf(s, ref i);
            acc = Normal(op == '+' ? (acc.Item1 * rhs.Item2 + rhs.Item1 * acc.Item2, acc.Item2 * rhs.Item2)
                                   : (acc.Item1 * rhs.Item2 - rhs.Item1 * acc.Item2, acc.Item2 * rhs.Item2));
        }
        return acc;
    }

    private static (long, long) ProductOf(string s, ref int i)
    {
        var acc = Atom(s, ref i);
        while (i < s.Length && (s[i] == '*' || s[i] == '/'))
        {
            var op = s[i++];
            var rhs = Atom(s, ref i);
            acc = Normal(op == '*' ? (acc.Item1 * rhs.Item1, acc.Item2 * rhs.Item2) : (acc.Item1 * rhs.Item2, acc.Item2 * rhs.Item1));
        }
        return acc;
    }

    private static (long, long) Atom(string s, ref int i)
    {
        if (s[i] == '(')
        {
            i++;
            var inner = Sum(s, ref i);
            Assert.Equal(')', s[i]);
            i++;
            return inner;
        }
        var start = i;
        while (i < s.Length && char.IsDigit(s[i]))
        {
            i++;
        }
        Assert.True(i > start, $"number expected at {start} in '{s}'");
        return (long.Parse(s[start..i], CultureInfo.InvariantCulture), 1);
    }

    private static (long, long) Normal((long Num, long Den) v)
    {
        Assert.NotEqual(0, v.Den);
        var g = Gcd(Math.Abs(v.Num), Math.Abs(v.Den));
        var sign = v.Den < 0 ? -1 : 1;
        return g == 0 ? (0, 1) : (sign * v.Num / g, sign * v.Den / g);
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
