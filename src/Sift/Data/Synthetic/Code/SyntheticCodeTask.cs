
namespace Sift.Data.Synthetic.Code;

/// <summary>
/// The embedded code ability of the data-composition study (Dong et al. 2023): small Python function-writing
/// tasks with unit tests, generated from a seed with nothing from outside. Each problem is a
/// <see cref="MathProblem"/> with Question = the instruction ("Write a function f(x) that returns x times 3
/// plus 2."), Solution = the reference code (the SFT target), Answer = the tests as compact JSON
/// (<see cref="PythonTestSuite"/>'s schema: <c>{"entry":"f","tests":[{"args":[1],"expected":5},...]}</c>)
/// and Source = <c>synth-code</c>. Scoring runs the tests in <see cref="Sift.Sandbox.PythonSandbox"/> via
/// <see cref="Sift.Rewards.CodeTestReward"/> (pass@1 under greedy decoding).
/// </summary>
public static class SyntheticCodeTask
{
    public const string Source = "synth-code";

    /// <summary>Problems 0..count-1 of <paramref name="seed"/> (duplicates possible; see <see cref="TrainTest"/>).</summary>
    public static IReadOnlyList<SyntheticCodeProblem> Generate(long seed, int count, int minDifficulty = 1, int maxDifficulty = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var generator = new CodeProblemGenerator(seed, minDifficulty, maxDifficulty);
        var problems = new List<SyntheticCodeProblem>(count);
        for (var i = 0; i < count; i++)
        {
            problems.Add(generator.Generate(i));
        }
        return problems;
    }

    /// <summary>
    /// Disjoint train and test sets of distinct problems; the side of a problem is decided by the hash of its
    /// normalised instruction (<see cref="QuestionKey"/>), as in <see cref="SyntheticMathTask.TrainTest"/>, so the
    /// same instruction never falls on both sides. Throws when the families cannot yield that many distinct problems.
    /// </summary>
    public static DatasetSplit TrainTest(long seed, int trainCount, int testCount, int minDifficulty = 1, int maxDifficulty = 3)
    {
        var (train, test) = TrainTestDetailed(seed, trainCount, testCount, minDifficulty, maxDifficulty);
        return new DatasetSplit(train.Select(p => p.Problem).ToList(), test.Select(p => p.Problem).ToList());
    }

    /// <summary><see cref="TrainTest"/> keeping the generator's knowledge of each problem.</summary>
    public static (IReadOnlyList<SyntheticCodeProblem> Train, IReadOnlyList<SyntheticCodeProblem> Test) TrainTestDetailed(
        long seed, int trainCount, int testCount, int minDifficulty = 1, int maxDifficulty = 3)
    {
        var generator = new CodeProblemGenerator(seed, minDifficulty, maxDifficulty);
        return HashSplit.Draw(generator.Generate, p => p.Problem.Question, trainCount, testCount,
            "code problems", "ask for fewer or widen the difficulty range");
    }
}
