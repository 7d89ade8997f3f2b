namespace Sift.Grading;

/// <summary>
/// Options and budgets for <see cref="MathGrader"/>. Every budget turns adversarial input into an
/// Unparseable or TimedOut outcome instead of unbounded work.
/// </summary>
public sealed record GraderOptions
{
    /// <summary>Relative tolerance used only when one side is written with a decimal point.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Relative tolerance for the numeric fallback on irrational exact inputs (surds, pi, logs).</summary>
    public double NumericFallbackTolerance { get; init; } = 1e-9;

    /// <summary>When no explicit answer marker is found, use the last number of a solution.</summary>
    public bool AllowLastNumberFallback { get; init; } = true;

    /// <summary>Accept x% against x/100 (and x) when a side carries an explicit percent sign.</summary>
    public bool AcceptPercentAsFraction { get; init; } = true;

    /// <summary>
    /// Read a whole answer "1,22" (or "1{,}22") as the decimal 1.22, as European and Russian sources
    /// write it. Off by default: "1,22" is otherwise a list of two numbers, and "1,225" (three digits
    /// after the comma) stays 1225 either way.
    /// </summary>
    public bool DecimalComma { get; init; }

    /// <summary>Longest input text (characters) that is scanned for an answer at all.</summary>
    public int MaxInputLength { get; init; } = 1_000_000;

    /// <summary>Longest extracted answer (characters) that is parsed.</summary>
    public int MaxAnswerLength { get; init; } = 4_000;

    /// <summary>Deepest expression nesting the parser accepts.</summary>
    public int MaxDepth { get; init; } = 600;

    /// <summary>Most digits in one number literal.</summary>
    public int MaxNumberDigits { get; init; } = 1_000;

    /// <summary>Largest result (in bits) an exact integer power may produce; larger powers fall back to floating point.</summary>
    public int MaxExactBits { get; init; } = 1 << 16;

    /// <summary>Step budget shared by parsing and evaluation of one comparison.</summary>
    public int MaxSteps { get; init; } = 200_000;

    /// <summary>Random points at which expressions with free variables are compared.</summary>
    public int RandomPoints { get; init; } = 4;

    public static GraderOptions Default { get; } = new();
}
