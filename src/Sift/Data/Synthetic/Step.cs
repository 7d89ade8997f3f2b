using System.Globalization;

namespace Sift.Data.Synthetic;

/// <summary>One annotated equation of a solution: <c>Left Op Right = Result</c>, all exact integers.</summary>
public readonly record struct Step(long Left, char Op, long Right, long Result)
{
    /// <summary>The equation without spaces, e.g. <c>3*4=12</c>: what goes inside <c>&lt;&lt; &gt;&gt;</c>.</summary>
    public string Equation => string.Create(CultureInfo.InvariantCulture, $"{Left}{Op}{Right}={Result}");

    /// <summary>The solution line in GSM8K style: <c>3*4=&lt;&lt;3*4=12&gt;&gt;12</c>.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture, $"{Left}{Op}{Right}=<<{Equation}>>{Result}");

    internal static Step Of(long left, char op, long right) => op switch
    {
        '+' => new Step(left, op, right, left + right),
        '-' => new Step(left, op, right, left - right),
        '*' => new Step(left, op, right, left * right),
        '/' when right != 0 && left % right == 0 => new Step(left, op, right, left / right),
        _ => throw new InvalidOperationException($"inexact or unknown step {left}{op}{right}"),
    };
}
