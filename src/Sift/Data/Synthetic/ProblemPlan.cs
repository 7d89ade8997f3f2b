namespace Sift.Data.Synthetic;

/// <summary>The arithmetic skeleton of a word problem, before wording.</summary>
internal enum PlanKind
{
    /// <summary>A start value and a sequence of operations: one valid order.</summary>
    Chain,

    /// <summary>A sum of sub-totals (products or plain values): the sub-totals can be computed and added in any order.</summary>
    Collect,

    /// <summary>Several counts of one rate: sum the counts then multiply, or multiply each then sum.</summary>
    Grouped,

    /// <summary>A start minus sub-totals: subtract one by one in any order, or add them up and subtract once.</summary>
    Remaining,
}

/// <summary>One part of a sum: <c>Count * Per</c> when <see cref="IsProduct"/>, else the plain value <see cref="Count"/>.</summary>
internal readonly record struct Term(long Count, long Per, int Thing)
{
    public bool IsProduct => Per > 0;

    public long Value => IsProduct ? Count * Per : Count;
}

/// <summary>An operation after the core (or every operation of a chain); <see cref="Phrase"/> picks its wording.</summary>
internal readonly record struct PlanOp(char Op, long Operand, int Phrase);

/// <summary>
/// A problem's arithmetic and every valid order of solving it. A "choice" indexes one solution:
/// a permutation of the sub-totals (Lehmer code) times a grouping (how sums and products are arranged).
/// </summary>
internal sealed record ProblemPlan(PlanKind Kind, long Start, IReadOnlyList<Term> Terms, long Per, IReadOnlyList<PlanOp> Ops)
{
    private int PermutationCount => Factorial(Terms.Count);

    private int GroupingCount => Kind switch
    {
        PlanKind.Grouped => 2,
        PlanKind.Remaining when Terms.Count >= 2 => 2,
        _ => 1,
    };

    /// <summary>How many solution orders exist (some may coincide as text when sub-totals are equal).</summary>
    public int ChoiceCount => PermutationCount * GroupingCount;

    /// <summary>The solution steps for <paramref name="choice"/> in [0, <see cref="ChoiceCount"/>).</summary>
    public IReadOnlyList<Step> Solve(int choice)
    {
        var grouping = choice % GroupingCount;
        var order = Permutation(Terms.Count, choice / GroupingCount);
        var steps = new List<Step>();
        long current;
        switch (Kind)
        {
            case PlanKind.Chain:
                current = Start;
                break;
            case PlanKind.Collect:
                current = SumOfTerms(order, steps);
                break;
            case PlanKind.Grouped when grouping == 0:
                // Sum the counts first, then one multiplication.
                current = Fold(order.Select(i => Terms[i].Count), '+', steps);
                steps.Add(Step.Of(current, '*', Per));
                current = steps[^1].Result;
                break;
            case PlanKind.Grouped:
                current = SumOfTerms(order, steps);
                break;
            case PlanKind.Remaining when grouping == 0:
                var values = Products(order, steps);
                current = Start;
                foreach (var value in values)
                {
                    steps.Add(Step.Of(current, '-', value));
                    current = steps[^1].Result;
                }
                break;
            case PlanKind.Remaining:
                var spent = Fold(Products(order, steps), '+', steps);
                steps.Add(Step.Of(Start, '-', spent));
                current = steps[^1].Result;
                break;
            default:
                throw new InvalidOperationException($"unknown plan kind {Kind}");
        }
        foreach (var op in Ops)
        {
            steps.Add(Step.Of(current, op.Op, op.Operand));
            current = steps[^1].Result;
        }
        return steps;
    }

    /// <summary>Steps of a solution for <paramref name="choice"/>, without building them twice for counting.</summary>
    public int StepCount(int choice) => Solve(choice).Count;

    private long SumOfTerms(IReadOnlyList<int> order, List<Step> steps) => Fold(Products(order, steps), '+', steps);

    /// <summary>Computes each product term in <paramref name="order"/>; returns every term's value in that order.</summary>
    private List<long> Products(IReadOnlyList<int> order, List<Step> steps)
    {
        var values = new List<long>(order.Count);
        foreach (var i in order)
        {
            var term = Terms[i];
            if (term.IsProduct)
            {
                steps.Add(Step.Of(term.Count, '*', term.Per));
            }
            values.Add(term.Value);
        }
        return values;
    }

    private static long Fold(IEnumerable<long> values, char op, List<Step> steps)
    {
        long? acc = null;
        foreach (var value in values)
        {
            if (acc is { } left)
            {
                steps.Add(Step.Of(left, op, value));
                acc = steps[^1].Result;
            }
            else
            {
                acc = value;
            }
        }
        return acc ?? 0;
    }

    private static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>The <paramref name="index"/>-th permutation of 0..n-1 in lexicographic order (index 0 = identity).</summary>
    internal static int[] Permutation(int n, int index)
    {
        var pool = Enumerable.Range(0, n).ToList();
        var result = new int[n];
        for (var position = 0; position < n; position++)
        {
            var block = Factorial(n - 1 - position);
            var pick = index / block;
            index %= block;
            result[position] = pool[pick];
            pool.RemoveAt(pick);
        }
        return result;
    }
}
