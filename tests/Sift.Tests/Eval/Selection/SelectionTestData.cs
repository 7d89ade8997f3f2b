using Sift.Eval.Selection;

namespace Sift.Tests.Eval.Selection;

/// <summary>Hand-made sample sets: answers (null = none extracted) with optional scores.</summary>
internal static class SelectionTestData
{
    public static ProblemSamples Problem(string gold, params (string? Answer, double? Score)[] samples)
        => new(gold, samples.Select((s, i) => new ScoredSample($"solution {i}", s.Answer, s.Score)).ToArray());

    public static ProblemSamples Answers(string gold, params string?[] answers)
        => new(gold, answers.Select((a, i) => new ScoredSample($"solution {i}", a, null)).ToArray());
}
