using System.Globalization;

namespace Sift.Data.Synthetic;

/// <summary>
/// Builds one word problem from a seed stream: picks a step count in the options' range, a shape
/// that can reach it, numbers that keep every intermediate result an exact integer in
/// [0, MaxResult] for every valid solution order, then a scenario, a person and a wording.
/// </summary>
public sealed class WordProblemGenerator
{
    private const int AttemptsPerShape = 40;
    private readonly SynthOptions _options;
    private readonly int _maxCount;

    /// <summary>A generator for <paramref name="options"/> (validated here).</summary>
    public WordProblemGenerator(SynthOptions options)
    {
        options.Validate();
        _options = options;
        _maxCount = Math.Min(9, options.MaxNumber);
    }

    /// <summary>Problem number <paramref name="index"/> of the options' seed; independent of every other index.</summary>
    public SyntheticProblem Generate(long index)
    {
        var rng = SplitMix64.ForStream(_options.Seed, index, 0x53594E5448UL);
        var steps = rng.Next(_options.MinSteps, _options.MaxSteps);
        var family = rng.Pick(ScenarioFamily.All);
        var person = rng.Pick(Person.All);
        var (plan, choice) = BuildPlan(ref rng, steps, family);
        var reference = plan.Solve(choice);
        var phrasing = rng.Chance(0.6) ? 0 : rng.Next(1, 2);
        var question = new ProblemWriter(family, person, phrasing).Write(plan);
        var answer = reference[^1].Result.ToString(CultureInfo.InvariantCulture);
        var problem = new MathProblem(
            string.Create(CultureInfo.InvariantCulture, $"synth-{_options.Seed}-{index}"),
            question, SolutionText.Of(reference), answer, "synth");
        return new SyntheticProblem(problem, family.Name, plan, reference);
    }

    private (ProblemPlan Plan, int Choice) BuildPlan(ref SplitMix64 rng, int steps, ScenarioFamily family)
    {
        // Shapes with several valid orders come first most of the time: they are what RFT needs.
        PlanKind[] shapes = [PlanKind.Collect, PlanKind.Grouped, PlanKind.Remaining, PlanKind.Chain];
        rng.Shuffle(shapes);
        if (rng.Chance(0.8) && shapes[0] == PlanKind.Chain)
        {
            (shapes[0], shapes[^1]) = (shapes[^1], shapes[0]);
        }
        foreach (var shape in shapes)
        {
            for (var attempt = 0; attempt < AttemptsPerShape; attempt++)
            {
                var built = shape switch
                {
                    PlanKind.Collect => TryCollect(ref rng, steps, family),
                    PlanKind.Grouped => TryGrouped(ref rng, steps, family),
                    PlanKind.Remaining => TryRemaining(ref rng, steps, family),
                    _ => TryChain(ref rng, steps),
                };
                if (built is { } found && Valid(found.Plan, found.Choice, steps))
                {
                    return found;
                }
                if (built is null && shape != PlanKind.Chain)
                {
                    break; // this shape cannot reach the step count at all
                }
            }
        }
        throw new InvalidOperationException(
            $"could not build a {steps}-step problem with MaxNumber {_options.MaxNumber} and MaxResult {_options.MaxResult}; raise MaxResult");
    }

    /// <summary>Every solution order stays within [0, MaxResult] and the reference has the asked step count.</summary>
    private bool Valid(ProblemPlan plan, int choice, int steps)
    {
        if (choice < 0 || plan.Solve(choice).Count != steps)
        {
            return false;
        }
        for (var c = 0; c < plan.ChoiceCount; c++)
        {
            foreach (var step in plan.Solve(c))
            {
                if (step.Result < 0 || step.Result > _options.MaxResult)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private (ProblemPlan Plan, int Choice)? TryChain(ref SplitMix64 rng, int steps)
    {
        var start = (long)rng.Next(2, _options.MaxNumber);
        var current = start;
        var ops = new List<PlanOp>();
        for (var i = 0; i < steps; i++)
        {
            var last = i == steps - 1;
            var candidates = new List<char>();
            if (current + 2 <= _options.MaxResult) { candidates.AddRange(['+', '+', '+']); }
            if (current >= 4) { candidates.AddRange(['-', '-', '-']); }
            if (current * 2 <= _options.MaxResult) { candidates.Add('*'); }
            if (last && Divisors(current).Count > 0) { candidates.AddRange(['/', '/']); }
            if (candidates.Count == 0)
            {
                return null;
            }
            var op = rng.Pick(candidates);
            long operand = op switch
            {
                '+' => rng.Next(2, (int)Math.Min(_options.MaxNumber, _options.MaxResult - current)),
                '-' => rng.Next(2, (int)Math.Min(_options.MaxNumber, current - 2)),
                '*' => rng.Next(2, (int)Math.Min(4, _options.MaxResult / current)),
                _ => rng.Pick(Divisors(current)),
            };
            ops.Add(new PlanOp(op, operand, rng.Next(0, 7)));
            current = Step.Of(current, op, operand).Result;
        }
        return (new ProblemPlan(PlanKind.Chain, start, [], 0, ops), 0);
    }

    private (ProblemPlan Plan, int Choice)? TryCollect(ref SplitMix64 rng, int steps, ScenarioFamily family)
    {
        // steps = products + (terms - 1) + trailing operations.
        var shapes = new List<(int Terms, int Products, int Trailing)>();
        for (var m = 1; m <= 4; m++)
        {
            // At most one plain term: "16 loose pencils and 20 loose pencils" reads badly.
            for (var j = Math.Max(m - 1, m == 1 ? 1 : 0); j <= m; j++)
            {
                for (var r = 0; r <= 2; r++)
                {
                    if (j + m - 1 + r == steps)
                    {
                        var weight = m >= 2 ? 3 : 1; // favour several sub-totals: several orders
                        for (var w = 0; w < weight; w++) { shapes.Add((m, j, r)); }
                    }
                }
            }
        }
        if (shapes.Count == 0)
        {
            return null;
        }
        var (terms, products, trailing) = rng.Pick(shapes);
        var list = Terms(ref rng, terms, products, family);
        var total = list.Sum(t => t.Value);
        var ops = TrailingOps(ref rng, trailing, total, allowRepeat: true);
        if (ops is null)
        {
            return (new ProblemPlan(PlanKind.Collect, 0, list, 0, []), -1); // no exact split: Valid rejects choice -1
        }
        var plan = new ProblemPlan(PlanKind.Collect, 0, list, 0, ops);
        return (plan, rng.Next(0, plan.ChoiceCount - 1));
    }

    private (ProblemPlan Plan, int Choice)? TryGrouped(ref SplitMix64 rng, int steps, ScenarioFamily family)
    {
        // Sum-first takes m steps, multiply-each 2m-1; either plus trailing operations.
        var shapes = new List<(int Terms, int Grouping, int Trailing)>();
        for (var m = 2; m <= 3; m++)
        {
            for (var g = 0; g <= 1; g++)
            {
                for (var r = 0; r <= 2; r++)
                {
                    if ((g == 0 ? m : 2 * m - 1) + r == steps)
                    {
                        shapes.Add((m, g, r));
                    }
                }
            }
        }
        if (shapes.Count == 0)
        {
            return null;
        }
        var (terms, grouping, trailing) = rng.Pick(shapes);
        var per = (long)rng.Next(2, _options.MaxNumber);
        var thing = rng.Next(0, family.Things.Length - 1);
        var list = new List<Term>();
        for (var i = 0; i < terms; i++)
        {
            list.Add(new Term(rng.Next(2, _maxCount), per, thing));
        }
        var ops = TrailingOps(ref rng, trailing, list.Sum(t => t.Value), allowRepeat: true);
        if (ops is null)
        {
            return (new ProblemPlan(PlanKind.Grouped, 0, list, per, []), -1);
        }
        var plan = new ProblemPlan(PlanKind.Grouped, 0, list, per, ops);
        var permutation = rng.Next(0, plan.ChoiceCount / 2 - 1);
        return (plan, permutation * 2 + grouping);
    }

    private (ProblemPlan Plan, int Choice)? TryRemaining(ref SplitMix64 rng, int steps, ScenarioFamily family)
    {
        // steps = products + terms (one subtraction each, or terms-1 additions and one subtraction) + trailing.
        var shapes = new List<(int Terms, int Products, int Trailing)>();
        for (var m = 1; m <= 3; m++)
        {
            for (var j = Math.Max(0, m - 1); j <= m; j++)
            {
                for (var r = 0; r <= 1; r++)
                {
                    if (j + m + r == steps)
                    {
                        var weight = m >= 2 ? 3 : 1;
                        for (var w = 0; w < weight; w++) { shapes.Add((m, j, r)); }
                    }
                }
            }
        }
        if (shapes.Count == 0)
        {
            return null;
        }
        var (terms, products, trailing) = rng.Pick(shapes);
        var list = Terms(ref rng, terms, products, family);
        var left = (long)rng.Next(2, _options.MaxNumber);
        var start = list.Sum(t => t.Value) + left;
        var ops = TrailingOps(ref rng, trailing, left, allowRepeat: false);
        if (ops is null)
        {
            return (new ProblemPlan(PlanKind.Remaining, start, list, 0, []), -1);
        }
        var plan = new ProblemPlan(PlanKind.Remaining, start, list, 0, ops);
        return (plan, rng.Next(0, plan.ChoiceCount - 1));
    }

    /// <summary><paramref name="count"/> terms, <paramref name="products"/> of them products, at random positions, with distinct things where possible.</summary>
    private List<Term> Terms(ref SplitMix64 rng, int count, int products, ScenarioFamily family)
    {
        var isProduct = Enumerable.Range(0, count).Select(i => i < products).ToArray();
        rng.Shuffle(isProduct);
        var things = Enumerable.Range(0, family.Things.Length).ToArray();
        rng.Shuffle(things);
        var list = new List<Term>(count);
        for (var i = 0; i < count; i++)
        {
            var thing = things[i % things.Length];
            list.Add(isProduct[i]
                ? new Term(rng.Next(2, _maxCount), rng.Next(2, _options.MaxNumber), thing)
                : new Term(rng.Next(2, _options.MaxNumber), 0, thing));
        }
        return list;
    }

    /// <summary>Up to two operations after the core: repeat (×k) then split (÷k, exact). Null when no exact split exists.</summary>
    private List<PlanOp>? TrailingOps(ref SplitMix64 rng, int count, long total, bool allowRepeat)
    {
        var ops = new List<PlanOp>();
        var current = total;
        var repeat = allowRepeat && (count == 2 || (count == 1 && rng.Chance(0.5)));
        if (repeat)
        {
            var k = rng.Next(2, Math.Min(7, _maxCount));
            ops.Add(new PlanOp('*', k, 0));
            current *= k;
        }
        if (ops.Count < count)
        {
            var divisors = Divisors(current);
            if (divisors.Count == 0)
            {
                return null;
            }
            ops.Add(new PlanOp('/', rng.Pick(divisors), 0));
        }
        return ops.Count == count ? ops : null;
    }

    /// <summary>Divisors in [2, 9] of <paramref name="value"/> that leave at least 2 each (a share of 1 is a dull problem).</summary>
    private static List<long> Divisors(long value)
    {
        var divisors = new List<long>();
        for (long d = 2; d <= 9 && 2 * d <= value; d++)
        {
            if (value % d == 0)
            {
                divisors.Add(d);
            }
        }
        return divisors;
    }
}
