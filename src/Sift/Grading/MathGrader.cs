namespace Sift.Grading;

/// <summary>
/// Grades a predicted math answer against a gold answer: extraction → normalisation → cheap string
/// equality → parse → structure-aware exact/numeric comparison. Thread-safe (no mutable state; each
/// call owns its budget) and total: every input string yields a <see cref="GradeResult"/>, never an
/// exception.
/// </summary>
public sealed class MathGrader
{
    public MathGrader(GraderOptions? options = null) { Options = options ?? GraderOptions.Default; }

    public GraderOptions Options { get; }

    /// <summary>Grades two texts, each a bare answer or a full solution.</summary>
    public GradeResult Grade(string gold, string pred)
    {
        string? g, p;
        try
        {
            g = ExtractAnswer(gold);
            p = ExtractAnswer(pred);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new GradeResult(Verdict.Unparseable, GradeSide.Both, null, null, "extraction failed: " + ex.GetType().Name);
        }
        if (g is null || p is null)
        {
            var side = g is null && p is null ? GradeSide.Both : g is null ? GradeSide.Gold : GradeSide.Pred;
            return new GradeResult(Verdict.Unparseable, side, g, p, "no answer found");
        }
        return CompareAnswers(g, p);
    }

    /// <summary>The final answer of a response or solution (see <see cref="AnswerExtractor"/>), or null.</summary>
    public string? ExtractAnswer(string text)
    {
        if (text is null) return null;
        try { return AnswerExtractor.Extract(text, Options); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return null; }
    }

    /// <summary>Compares two already-extracted answers.</summary>
    public GradeResult CompareAnswers(string goldAnswer, string predAnswer)
    {
        goldAnswer ??= "";
        predAnswer ??= "";
        try
        {
            return CompareCore(goldAnswer, predAnswer);
        }
        catch (BudgetExceededException)
        {
            return new GradeResult(Verdict.TimedOut, GradeSide.None, goldAnswer, predAnswer, "step budget exceeded");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new GradeResult(Verdict.Unparseable, GradeSide.Both, goldAnswer, predAnswer, "internal: " + ex.GetType().Name);
        }
    }

    public bool IsEquivalent(string gold, string pred) => Grade(gold, pred).Verdict == Verdict.Equivalent;

    private GradeResult CompareCore(string goldAnswer, string predAnswer)
    {
        var o = Options;
        bool gLong = goldAnswer.Length > o.MaxAnswerLength, pLong = predAnswer.Length > o.MaxAnswerLength;
        if (gLong || pLong)
            return new GradeResult(Verdict.Unparseable, gLong && pLong ? GradeSide.Both : gLong ? GradeSide.Gold : GradeSide.Pred, goldAnswer, predAnswer, "answer too long");

        var gn = AnswerNormalizer.Normalize(goldAnswer, o.DecimalComma);
        var pn = AnswerNormalizer.Normalize(predAnswer, o.DecimalComma);
        var gk = RemoveSpaces(gn);
        var pk = RemoveSpaces(pn);
        if (gk.Length > 0 && string.Equals(gk, pk, StringComparison.Ordinal))
            return new GradeResult(Verdict.Equivalent, GradeSide.None, goldAnswer, predAnswer, "string-equal");

        // Plain words ("No solution", "Monday"): compared case-insensitively as text.
        if (IsPlainText(gn) && IsPlainText(pn))
        {
            bool same = TextKey(gn) == TextKey(pn);
            return new GradeResult(same ? Verdict.Equivalent : Verdict.NotEquivalent, GradeSide.None, goldAnswer, predAnswer, same ? "text-equal" : "text-differs");
        }

        var budget = new Budget(o.MaxSteps);
        Node? gNode = null, pNode = null;
        string? gErr = null, pErr = null;
        try { gNode = AnswerParser.Parse(gn, o, budget); } catch (AnswerParseException ex) { gErr = ex.Message; }
        try { pNode = AnswerParser.Parse(pn, o, budget); } catch (AnswerParseException ex) { pErr = ex.Message; }
        if (gNode is null || pNode is null)
        {
            var side = gNode is null && pNode is null ? GradeSide.Both : gNode is null ? GradeSide.Gold : GradeSide.Pred;
            return new GradeResult(Verdict.Unparseable, side, goldAnswer, predAnswer, "parse: " + (gErr ?? pErr));
        }
        var cmp = new AnswerComparer(o, budget, Seed(gk, pk));
        bool eq = cmp.Equal(gNode, pNode);
        return new GradeResult(eq ? Verdict.Equivalent : Verdict.NotEquivalent, GradeSide.None, goldAnswer, predAnswer, cmp.Reason);
    }

    private static string RemoveSpaces(string s)
    {
        if (!s.Contains(' ')) return s;
        return s.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>Letters, spaces and light punctuation only, with at least one word of three letters or more.</summary>
    private static bool IsPlainText(string s)
    {
        int run = 0, longest = 0;
        foreach (var c in s)
        {
            if (char.IsLetter(c)) { run++; longest = Math.Max(longest, run); continue; }
            run = 0;
            if (c is ' ' or '.' or ',' or '\'' or '-' or '(' or ')') continue;
            return false;
        }
        return (longest >= 3 || s.Trim().ToLowerInvariant() is "no") && !s.Contains('\\');
    }

    private static string TextKey(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s) if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>FNV-1a over both normalised answers: the random points depend only on the texts compared.</summary>
    private static ulong Seed(string a, string b)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in a) { h ^= c; h *= 1099511628211UL; }
        h ^= 0xFF; h *= 1099511628211UL;
        foreach (var c in b) { h ^= c; h *= 1099511628211UL; }
        return h;
    }

    /// <summary>
    /// Grades a whole solution: extracts its final answer, compares it with <paramref name="gold"/> and
    /// checks every calculator annotation (cheapest first: no answer means unparseable without a comparison).
    /// </summary>
    public SolutionGrade GradeSolution(string gold, string solution)
    {
        var answer = ExtractAnswer(solution);
        var verdict = answer is null ? "unparseable" : CompareAnswers(gold, answer).VerdictText;
        return new SolutionGrade(answer, verdict, CalculatorAnnotations.Check(solution).AllCorrect);
    }
}

