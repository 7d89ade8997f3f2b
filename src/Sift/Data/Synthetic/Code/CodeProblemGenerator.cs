using System.Globalization;
using System.Text;
using Sift.Data.Code;

namespace Sift.Data.Synthetic.Code;

/// <summary>
/// Builds small Python programming tasks in the style of HumanEval/MBPP, scaled down so a tiny model trained
/// for minutes can learn part of them: one short function per task, a fixed instruction wording per family,
/// a canonical reference solution and 3–5 unit tests whose expected values are computed here with Python's
/// semantics (inputs avoid the cases where C# and Python differ: negative modulo, non-ASCII case mapping).
/// Difficulty 1 is one expression on one argument, 2 is two arguments or an if, 3 is a loop (with a condition).
/// Problem i depends only on (seed, i).
/// </summary>
public sealed class CodeProblemGenerator
{
    private static readonly string[] FunctionNames = ["f", "g", "h"];
    private static readonly string[] Words = ["cat", "dog", "apple", "river", "stone", "light", "green", "house", "table", "music", "plant", "cloud", "bird", "sun"];
    private static readonly (string Yes, string No)[] Labels = [("big", "small"), ("yes", "no"), ("high", "low"), ("over", "under")];

    private delegate CodeTemplate Builder(ref SplitMix64 rng, string name);

    private static readonly (int Difficulty, Builder Build)[] Families =
    [
        (1, Arithmetic1), (1, String1), (1, List1),
        (2, Arithmetic2), (2, TwoArguments), (2, Compare), (2, Condition),
        (3, RangeLoop), (3, FilterLoop), (3, MapList),
    ];

    private readonly long _seed;
    private readonly (int Difficulty, Builder Build)[] _families;

    /// <summary>A generator for <paramref name="seed"/> drawing families of difficulty in [<paramref name="minDifficulty"/>, <paramref name="maxDifficulty"/>].</summary>
    public CodeProblemGenerator(long seed, int minDifficulty = 1, int maxDifficulty = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minDifficulty, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDifficulty, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minDifficulty, maxDifficulty);
        _seed = seed;
        _families = Families.Where(f => f.Difficulty >= minDifficulty && f.Difficulty <= maxDifficulty).ToArray();
    }

    /// <summary>Problem number <paramref name="index"/>; independent of every other index.</summary>
    public SyntheticCodeProblem Generate(long index)
    {
        var rng = SplitMix64.ForStream(_seed, index, 0x434F44455441534BUL);
        var (difficulty, build) = rng.Pick(_families);
        var name = rng.Pick(FunctionNames);
        var template = build(ref rng, name);
        var suite = new PythonTestSuite(name, template.Tests);
        var problem = new MathProblem(
            string.Create(CultureInfo.InvariantCulture, $"code-{_seed}-{index}"),
            template.Question, template.Code, suite.ToJson(), SyntheticCodeTask.Source);
        return new SyntheticCodeProblem(problem, template.Family, difficulty, suite);
    }

    private static int TestCount(ref SplitMix64 rng) => rng.Next(3, 5);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Q(string text) => "\"" + text + "\"";

    /// <summary>x plus/minus/times A.</summary>
    private static CodeTemplate Arithmetic1(ref SplitMix64 rng, string name)
    {
        var a = rng.Next(2, 9);
        var op = rng.Next(0, 2);
        var (words, symbol) = op switch { 0 => ("plus", "+"), 1 => ("minus", "-"), _ => ("times", "*") };
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var x = rng.Next(-10, 20);
            tests.Add(PythonTestCase.Of(op switch { 0 => x + a, 1 => x - a, _ => x * a }, x));
        }
        return new("arith", 1, $"Write a function {name}(x) that returns x {words} {I(a)}.", $"def {name}(x):\n    return x {symbol} {I(a)}", tests);
    }

    /// <summary>Upper case, lower case, reversed, repeated, length.</summary>
    private static CodeTemplate String1(ref SplitMix64 rng, string name)
    {
        var kind = rng.Next(0, 4);
        var a = rng.Next(2, 4);
        var (phrase, body) = kind switch
        {
            0 => ("s in upper case", "s.upper()"),
            1 => ("s reversed", "s[::-1]"),
            2 => ($"s repeated {I(a)} times", $"s * {I(a)}"),
            3 => ("the length of s", "len(s)"),
            _ => ($"the first {I(a)} characters of s", $"s[:{I(a)}]"),
        };
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var s = rng.Pick(Words);
            object expected = kind switch
            {
                0 => s.ToUpperInvariant(),
                1 => new string(s.Reverse().ToArray()),
                2 => string.Concat(Enumerable.Repeat(s, a)),
                3 => s.Length,
                _ => s[..Math.Min(a, s.Length)],
            };
            tests.Add(PythonTestCase.Of(expected, s));
        }
        return new("string", 1, $"Write a function {name}(s) that returns {phrase}.", $"def {name}(s):\n    return {body}", tests);
    }

    /// <summary>Sum, largest, smallest, count of a list.</summary>
    private static CodeTemplate List1(ref SplitMix64 rng, string name)
    {
        var kind = rng.Next(0, 3);
        var (phrase, body) = kind switch
        {
            0 => ("the sum of the numbers in xs", "sum(xs)"),
            1 => ("the largest number in xs", "max(xs)"),
            2 => ("the smallest number in xs", "min(xs)"),
            _ => ("how many numbers are in xs", "len(xs)"),
        };
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var xs = RandomList(ref rng, 1, 6);
            tests.Add(PythonTestCase.Of(kind switch { 0 => xs.Sum(), 1 => xs.Max(), 2 => xs.Min(), _ => xs.Length }, xs));
        }
        return new("list", 1, $"Write a function {name}(xs) that returns {phrase}.", $"def {name}(xs):\n    return {body}", tests);
    }

    /// <summary>x times A plus/minus B.</summary>
    private static CodeTemplate Arithmetic2(ref SplitMix64 rng, string name)
    {
        var a = rng.Next(2, 9);
        var b = rng.Next(1, 9);
        var plus = rng.Chance(0.5);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var x = rng.Next(-10, 20);
            tests.Add(PythonTestCase.Of(plus ? x * a + b : x * a - b, x));
        }
        var (words, symbol) = plus ? ("plus", "+") : ("minus", "-");
        return new("arith", 2, $"Write a function {name}(x) that returns x times {I(a)} {words} {I(b)}.", $"def {name}(x):\n    return x * {I(a)} {symbol} {I(b)}", tests);
    }

    /// <summary>a plus/minus/times b, optionally plus A.</summary>
    private static CodeTemplate TwoArguments(ref SplitMix64 rng, string name)
    {
        var op = rng.Next(0, 2);
        var extra = rng.Chance(0.5) ? rng.Next(1, 9) : 0;
        var (words, symbol) = op switch { 0 => ("plus", "+"), 1 => ("minus", "-"), _ => ("times", "*") };
        var suffix = extra > 0 ? $" plus {I(extra)}" : "";
        var codeSuffix = extra > 0 ? $" + {I(extra)}" : "";
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var a = rng.Next(-5, 15);
            var b = rng.Next(-5, 15);
            tests.Add(PythonTestCase.Of((op switch { 0 => a + b, 1 => a - b, _ => a * b }) + extra, a, b));
        }
        return new("two_args", 2, $"Write a function {name}(a, b) that returns a {words} b{suffix}.", $"def {name}(a, b):\n    return a {symbol} b{codeSuffix}", tests);
    }

    /// <summary>The larger or smaller of two numbers, with an if.</summary>
    private static CodeTemplate Compare(ref SplitMix64 rng, string name)
    {
        var larger = rng.Chance(0.5);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var a = rng.Next(-10, 30);
            var b = rng.Next(-10, 30);
            tests.Add(PythonTestCase.Of(larger ? Math.Max(a, b) : Math.Min(a, b), a, b));
        }
        var word = larger ? "larger" : "smaller";
        var symbol = larger ? ">" : "<";
        return new("compare", 2, $"Write a function {name}(a, b) that returns the {word} of a and b.",
            $"def {name}(a, b):\n    if a {symbol} b:\n        return a\n    return b", tests);
    }

    /// <summary>A label by threshold or by parity.</summary>
    private static CodeTemplate Condition(ref SplitMix64 rng, string name)
    {
        var (yes, no) = rng.Pick(Labels);
        var parity = rng.Chance(0.3);
        var k = rng.Next(1, 20);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var x = rng.Next(0, 30); // non-negative: Python's % and C#'s agree
            var holds = parity ? x % 2 == 0 : x > k;
            tests.Add(PythonTestCase.Of(holds ? yes : no, x));
        }
        var (phrase, test) = parity ? ("x is even", "x % 2 == 0") : ($"x is greater than {I(k)}", $"x > {I(k)}");
        return new("condition", 2, $"Write a function {name}(x) that returns {Q(yes)} if {phrase}, otherwise {Q(no)}.",
            $"def {name}(x):\n    if {test}:\n        return {Q(yes)}\n    return {Q(no)}", tests);
    }

    /// <summary>Sum or product of 1..n, or the sum of multiples of A up to n, with a for loop.</summary>
    private static CodeTemplate RangeLoop(ref SplitMix64 rng, string name)
    {
        var kind = rng.Next(0, 2);
        var a = rng.Next(2, 5);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var x = kind == 1 ? rng.Next(0, 8) : rng.Next(0, 25);
            long value = kind switch
            {
                0 => x * (x + 1) / 2,
                1 => Enumerable.Range(1, x).Aggregate(1L, (p, i) => p * i),
                _ => Enumerable.Range(1, x).Where(i => i % a == 0).Sum(),
            };
            tests.Add(PythonTestCase.Of(value, x));
        }
        return kind switch
        {
            0 => new("loop", 3, $"Write a function {name}(n) that returns the sum of the numbers from 1 to n.",
                $"def {name}(n):\n    total = 0\n    for i in range(1, n + 1):\n        total = total + i\n    return total", tests),
            1 => new("loop", 3, $"Write a function {name}(n) that returns the product of the numbers from 1 to n.",
                $"def {name}(n):\n    total = 1\n    for i in range(1, n + 1):\n        total = total * i\n    return total", tests),
            _ => new("loop", 3, $"Write a function {name}(n) that returns the sum of the multiples of {I(a)} from 1 to n.",
                $"def {name}(n):\n    total = 0\n    for i in range(1, n + 1):\n        if i % {I(a)} == 0:\n            total = total + i\n    return total", tests),
        };
    }

    /// <summary>Count or sum the list items above a threshold, or the even ones.</summary>
    private static CodeTemplate FilterLoop(ref SplitMix64 rng, string name)
    {
        var kind = rng.Next(0, 3);
        var k = rng.Next(1, 15);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var xs = RandomList(ref rng, 0, 7);
            long value = kind switch
            {
                0 => xs.Count(x => x > k),
                1 => xs.Where(x => x > k).Sum(),
                2 => xs.Count(x => x % 2 == 0),
                _ => xs.Where(x => x % 2 == 0).Sum(),
            };
            tests.Add(PythonTestCase.Of(value, xs));
        }
        var (phrase, condition, update) = kind switch
        {
            0 => ($"how many numbers in xs are greater than {I(k)}", $"x > {I(k)}", "count = count + 1"),
            1 => ($"the sum of the numbers in xs that are greater than {I(k)}", $"x > {I(k)}", "count = count + x"),
            2 => ("how many numbers in xs are even", "x % 2 == 0", "count = count + 1"),
            _ => ("the sum of the even numbers in xs", "x % 2 == 0", "count = count + x"),
        };
        return new("filter", 3, $"Write a function {name}(xs) that returns {phrase}.",
            $"def {name}(xs):\n    count = 0\n    for x in xs:\n        if {condition}:\n            {update}\n    return count", tests);
    }

    /// <summary>A new list with every item transformed (loop with append).</summary>
    private static CodeTemplate MapList(ref SplitMix64 rng, string name)
    {
        var times = rng.Chance(0.5);
        var a = rng.Next(2, 9);
        var tests = new List<PythonTestCase>();
        var n = TestCount(ref rng);
        for (var t = 0; t < n; t++)
        {
            var xs = RandomList(ref rng, 0, 5);
            tests.Add(PythonTestCase.Of(xs.Select(x => times ? x * a : x + a).ToArray(), xs));
        }
        var (words, symbol) = times ? ("times", "*") : ("plus", "+");
        return new("map", 3, $"Write a function {name}(xs) that returns a list of every number in xs {words} {I(a)}.",
            $"def {name}(xs):\n    result = []\n    for x in xs:\n        result.append(x {symbol} {I(a)})\n    return result", tests);
    }

    private static int[] RandomList(ref SplitMix64 rng, int minLength, int maxLength)
    {
        var xs = new int[rng.Next(minLength, maxLength)];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = rng.Next(0, 20);
        }
        return xs;
    }
}
