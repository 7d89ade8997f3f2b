using Sift.Text;

namespace Sift.Data;

/// <summary>A tokenizer for problems of a task, trained on exactly the texts a model will see.</summary>
public static class TokenizerTraining
{
    /// <summary>Trains a byte-level BPE tokenizer on the rendered prompts and the reference solutions (as the template wraps them).</summary>
    public static BpeTokenizer OnProblems(IEnumerable<MathProblem> problems, PromptTemplate template, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(template);
        var corpus = problems.SelectMany(p => { var text = template.Build(p.Question, p.Solution); return new[] { text.Prompt, text.Response }; });
        return BpeTrainer.Train(corpus, vocabSize, SpecialTokens.Default);
    }
}
