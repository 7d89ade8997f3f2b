using Sift.Data;
using Sift.Data.Synthetic;
using Sift.Model;
using Sift.Pipelines;
using Sift.Text;

namespace Sift.Tests.Training.Sft;

/// <summary>Small shared fixtures: embedded-task problems, a BPE tokenizer trained on them, a tiny model config.</summary>
internal static class SftTestData
{
    private static readonly Lazy<(IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test, BpeTokenizer Tokenizer)> Shared = new(() =>
    {
        var split = SyntheticMathTask.TrainTest(3, 60, 20, new SynthOptions { MinSteps = 1, MaxSteps = 2, MaxNumber = 9, MaxResult = 100 });
        var tokenizer = TokenizerTraining.OnProblems(split.Train, PromptTemplate.Plain, 300);
        return (split.Train, split.Test, tokenizer);
    });

    public static IReadOnlyList<MathProblem> Train => Shared.Value.Train;

    public static IReadOnlyList<MathProblem> Test => Shared.Value.Test;

    public static BpeTokenizer Tokenizer => Shared.Value.Tokenizer;

    public static ModelConfig TinyConfig(int context = 96) => new ModelShape { Hidden = 32, Layers = 1, Heads = 2, KeyValueHeads = 2, Intermediate = 64, Context = context }
        .ToConfig(Tokenizer.VocabSize, Tokenizer.BosId, Tokenizer.EosId);

    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
