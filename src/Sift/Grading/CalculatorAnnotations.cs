namespace Sift.Grading;

/// <summary>
/// GSM8K calculator annotations (Cobbe et al. 2021, "Training Verifiers to Solve Math Word
/// Problems"): parsed and checked with the grader's exact rational evaluator, never by evaluating code.
/// </summary>
public static class CalculatorAnnotations
{
    private const int MaxAnnotations = 1000;
    private const int MaxAnnotationLength = 500;

    public static IReadOnlyList<Annotation> Parse(string solution)
    {
        var list = new List<Annotation>();
        if (string.IsNullOrEmpty(solution)) return list;
        int i = 0;
        while (list.Count < MaxAnnotations)
        {
            int open = solution.IndexOf("<<", i, StringComparison.Ordinal);
            if (open < 0) break;
            int close = solution.IndexOf(">>", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            var raw = solution[(open + 2)..close];
            int eq = raw.LastIndexOf('=');
            if (eq >= 0 && raw.Length <= MaxAnnotationLength && raw.IndexOf("<<", StringComparison.Ordinal) < 0)
                list.Add(new Annotation(raw, raw[..eq].Trim(), raw[(eq + 1)..].Trim(), open));
            i = close + 2;
        }
        return list;
    }

    /// <summary>Evaluates each annotation's left side exactly and compares it with the stated result.</summary>
    /// <remarks>
    /// A stated result written with k ≥ 1 decimals is accepted when it is the exact value rounded or
    /// truncated to k decimals (GSM8K writes 10/3=3.33); an integer result must be exact.
    /// </remarks>
    public static AnnotationCheck Check(string solution)
    {
        var anns = Parse(solution);
        var wrong = new List<int>();
        var bad = new List<int>();
        for (int k = 0; k < anns.Count; k++)
        {
            var verdict = CheckOne(anns[k]);
            if (verdict is null) bad.Add(k);
            else if (!verdict.Value) wrong.Add(k);
        }
        return new AnnotationCheck(anns, wrong, bad);
    }

    /// <summary>True/false for a readable annotation, null when either side cannot be evaluated exactly.</summary>
    public static bool? CheckOne(Annotation a)
    {
        try
        {
            var o = GraderOptions.Default;
            var budget = new Budget(20_000);
            var lhs = Evaluate(a.Expression, o, budget);
            var rhsText = a.StatedResult.Replace(",", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal).Trim();
            var rhs = Evaluate(rhsText, o, budget);
            if (lhs is null || rhs is null) return null;
            var l = lhs.Value; var r = rhs.Value;
            if (l == r) return true;
            int dot = rhsText.IndexOf('.');
            if (dot < 0) return false;
            int decimals = rhsText.Length - dot - 1;
            if (decimals <= 0 || decimals > 30) return false;
            var scale = new Rational(System.Numerics.BigInteger.Pow(10, decimals), 1);
            var scaled = l * scale;
            // Rounded (half away from zero) or truncated to the stated number of decimals.
            var trunc = System.Numerics.BigInteger.Divide(scaled.Num, scaled.Den);
            var rs = r * scale;
            if (!rs.IsInteger) return false;
            var diff = System.Numerics.BigInteger.Abs(rs.Num - trunc);
            if (diff.IsZero) return true;
            if (diff.IsOne)
            {
                var err = scaled - new Rational(rs.Num, 1);
                var absErr = err.Sign < 0 ? -err : err;
                return absErr.Num * 2 <= absErr.Den;
            }
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static Rational? Evaluate(string text, GraderOptions o, Budget budget)
    {
        if (text.Length == 0) return null;
        var normalized = text.Replace(",", "", StringComparison.Ordinal).Replace("x", "*", StringComparison.Ordinal).Replace("%", "/100", StringComparison.Ordinal);
        var node = AnswerParser.Parse(normalized, o, budget);
        var v = new Evaluator(new Dictionary<string, Rational>(), o, budget, true).Eval(node);
        if (!v.IsExactReal) return null;
        return v.Re;
    }

    /// <summary>
    /// The ordered annotation equations with spaces removed, joined by '|': two solutions with the
    /// same key took the same calculation path (RFT de-duplication, Yuan et al. 2023).
    /// </summary>
    public static string PathKey(string solution)
    {
        var anns = Parse(solution);
        return string.Join("|", anns.Select(a => a.Raw.Replace(" ", "", StringComparison.Ordinal)));
    }
}
