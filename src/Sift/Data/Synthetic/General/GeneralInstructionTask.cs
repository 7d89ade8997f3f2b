namespace Sift.Data.Synthetic.General;

/// <summary>
/// Disjoint train and test sets of the embedded instruction-following task
/// (<see cref="GeneralInstructionGenerator"/>), split as <see cref="SyntheticMathTask.TrainTest"/> splits
/// the math task: the side of an instruction is decided by the hash of its normalised text
/// (<see cref="QuestionKey"/>), so the same instruction can never be on both sides, and repeats are dropped.
/// </summary>
public static class GeneralInstructionTask
{
    /// <summary>Train and test problems for <paramref name="seed"/>.</summary>
    public static DatasetSplit TrainTest(long seed, int trainCount, int testCount)
    {
        var (train, test) = TrainTestDetailed(seed, trainCount, testCount);
        return new DatasetSplit(train.Select(i => i.Problem).ToList(), test.Select(i => i.Problem).ToList());
    }

    /// <summary><see cref="TrainTest"/> keeping each instruction's family.</summary>
    public static (IReadOnlyList<GeneralInstruction> Train, IReadOnlyList<GeneralInstruction> Test) TrainTestDetailed(long seed, int trainCount, int testCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var generator = new GeneralInstructionGenerator(seed);
        var testShare = trainCount + testCount == 0 ? 0 : (double)testCount / (trainCount + testCount);
        var train = new List<GeneralInstruction>(trainCount);
        var test = new List<GeneralInstruction>(testCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var maxDraws = 20L * (trainCount + testCount) + 10_000;
        for (long index = 0; train.Count < trainCount || test.Count < testCount; index++)
        {
            if (index >= maxDraws)
            {
                throw new InvalidOperationException($"only {train.Count} train and {test.Count} test distinct instructions after {maxDraws} draws");
            }
            var item = generator.Generate(index);
            var key = QuestionKey.Of(item.Problem.Question);
            if (!seen.Add(key)) continue;
            // Top 53 bits of the content hash as a uniform fraction: the side depends on the text alone.
            var fraction = (QuestionKey.Hash(key) >> 11) * (1.0 / (1UL << 53));
            var side = fraction < testShare ? test : train;
            if (side.Count < (ReferenceEquals(side, test) ? testCount : trainCount)) side.Add(item);
        }
        return (train, test);
    }
}
