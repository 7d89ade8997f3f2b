
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
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var generator = new CodeProblemGenerator(seed, minDifficulty, maxDifficulty);
        var testShare = trainCount + testCount == 0 ? 0 : (double)testCount / (trainCount + testCount);
        var train = new List<SyntheticCodeProblem>(trainCount);
        var test = new List<SyntheticCodeProblem>(testCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var maxDraws = 20L * (trainCount + testCount) + 10_000;
        for (long index = 0; train.Count < trainCount || test.Count < testCount; index++)
        {
            if (index >= maxDraws)
            {
                throw new InvalidOperationException(
                    $"only {train.Count} train and {test.Count} test distinct code problems after {maxDraws} draws; ask for fewer or widen the difficulty range");
            }
            var problem = generator.Generate(index);
            var key = QuestionKey.Of(problem.Problem.Question);
            if (!seen.Add(key))
            {
                continue;
            }
            // Top 53 bits of the content hash as a uniform fraction: the side depends on the text alone.
            var fraction = (QuestionKey.Hash(key) >> 11) * (1.0 / (1UL << 53));
            var side = fraction < testShare ? test : train;
            if (side.Count < (ReferenceEquals(side, test) ? testCount : trainCount))
            {
                side.Add(problem);
            }
        }
        return (train, test);
    }
}
