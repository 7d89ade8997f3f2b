namespace Sift.Data.Synthetic;

/// <summary>
/// The embedded task: GSM8K-style word problems with <c>&lt;&lt;a*b=c&gt;&gt;</c>-annotated solutions and a
/// <c>#### N</c> line, generated from a seed with nothing from outside. Problem i depends only on
/// (options, i), so the same seed gives the same problems whatever else is asked for.
/// </summary>
public static class SyntheticMathTask
{
    /// <summary><see cref="SynthOptions.Count"/> problems for the options (duplicates possible at tiny number ranges; see <see cref="TrainTest"/>).</summary>
    public static IReadOnlyList<MathProblem> Generate(SynthOptions options)
        => GenerateDetailed(options).Select(p => p.Problem).ToList();

    /// <summary>Like <see cref="Generate"/>, keeping the generator's knowledge (alternative solutions, family, shape).</summary>
    public static IReadOnlyList<SyntheticProblem> GenerateDetailed(SynthOptions options)
    {
        var generator = new WordProblemGenerator(options);
        var problems = new List<SyntheticProblem>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            problems.Add(generator.Generate(i));
        }
        return problems;
    }

    /// <summary>
    /// Disjoint train and test sets of distinct problems. The side of a problem is decided by the hash
    /// of its normalised question (<see cref="QuestionKey"/>), so the same question can never fall on both
    /// sides, and repeats are dropped. Throws when the options cannot yield that many distinct problems.
    /// </summary>
    public static DatasetSplit TrainTest(long seed, int trainCount, int testCount, SynthOptions? options = null)
    {
        var detailed = TrainTestDetailed(seed, trainCount, testCount, options);
        return new DatasetSplit(detailed.Train.Select(p => p.Problem).ToList(), detailed.Test.Select(p => p.Problem).ToList());
    }

    /// <summary><see cref="TrainTest"/> keeping the generator's knowledge of each problem.</summary>
    public static (IReadOnlyList<SyntheticProblem> Train, IReadOnlyList<SyntheticProblem> Test) TrainTestDetailed(
        long seed, int trainCount, int testCount, SynthOptions? options = null)
    {
        var generator = new WordProblemGenerator((options ?? new SynthOptions()) with { Seed = seed });
        return HashSplit.Draw(generator.Generate, p => p.Problem.Question, trainCount, testCount,
            "problems", "widen the number range (--max-number) or the step range");
    }

    /// <summary>
    /// <see cref="TrainTest"/>'s train and test sets (identical to it) and <paramref name="validationCount"/>
    /// more distinct problems from the training side of the split: held-out problems of the training
    /// distribution for the validation loss, never test problems.
    /// </summary>
    public static (IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test, IReadOnlyList<MathProblem> Validation) TrainTestValidation(
        long seed, int trainCount, int testCount, int validationCount, SynthOptions? options = null)
    {
        var generator = new WordProblemGenerator((options ?? new SynthOptions()) with { Seed = seed });
        var (train, test, validation) = HashSplit.Draw(generator.Generate, p => p.Problem.Question, trainCount, testCount, validationCount,
            "problems", "widen the number range (--max-number) or the step range");
        return (train.Select(p => p.Problem).ToList(), test.Select(p => p.Problem).ToList(), validation.Select(p => p.Problem).ToList());
    }
}
