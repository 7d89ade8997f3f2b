using Sift.Text;

namespace Sift.Data;

/// <summary>A tokenizer for problems of a task, trained on exactly the texts a model will see.</summary>
public static class TokenizerTraining
{
    /// <summary>Trains a byte-level BPE tokenizer on the rendered prompts and the reference solutions.</summary>
    public static BpeTokenizer OnProblems(IEnumerable<MathProblem> problems, PromptTemplate template, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(template);
        var corpus = problems.SelectMany(p => new[] { template.Render(p.Question), p.Solution });
        return BpeTrainer.Train(corpus, vocabSize, SpecialTokens.Default);
    }
}
