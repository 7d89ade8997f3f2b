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
        var generator = new GeneralInstructionGenerator(seed);
        return HashSplit.Draw(generator.Generate, i => i.Problem.Question, trainCount, testCount,
            "instructions");
    }
}
