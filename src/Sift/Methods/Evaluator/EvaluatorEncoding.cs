using Sift.Eval.Selection;
using Sift.Text;

namespace Sift.Methods.Evaluator;

/// <summary>
/// How the evaluator's input and its two label words become tokens. The input is
/// <c>[BOS] encode(EvaluatorPromptScorer.Prompt(problem, solution))</c>. The tokenizer is a byte-level
/// BPE trained on the task texts, so " correct" and " incorrect" may each be several tokens: the score
/// uses the FIRST position where the two label encodings differ. The tokens before it (a shared prefix,
/// e.g. a lone " " token) are appended to the input, and the label logits are those of
/// <see cref="CorrectId"/> and <see cref="IncorrectId"/> at the input's last position.
/// An input longer than the context keeps its LAST <see cref="MaxTokens"/> tokens (the end of the
/// solution, its final answer and the question "The above candidate solution is" matter most);
/// training and scoring truncate alike.
/// </summary>
public sealed class EvaluatorEncoding
{
    /// <summary>The label word that follows the prompt for a correct solution.</summary>
    public const string CorrectLabel = " correct";

    /// <summary>The label word for an incorrect solution.</summary>
    public const string IncorrectLabel = " incorrect";

    private readonly int[] _sharedPrefix;

    public EvaluatorEncoding(BpeTokenizer tokenizer, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        Tokenizer = tokenizer;
        MaxTokens = maxTokens;
        CorrectTokens = tokenizer.Encode(CorrectLabel);
        IncorrectTokens = tokenizer.Encode(IncorrectLabel);
        int j = 0;
        while (j < CorrectTokens.Length && j < IncorrectTokens.Length && CorrectTokens[j] == IncorrectTokens[j]) j++;
        if (j == CorrectTokens.Length || j == IncorrectTokens.Length)
        {
            throw new ArgumentException($"the tokenizer encodes \"{CorrectLabel}\" and \"{IncorrectLabel}\" so that one is a prefix of the other; the evaluator cannot tell them apart");
        }
        _sharedPrefix = CorrectTokens[..j];
        CorrectId = CorrectTokens[j];
        IncorrectId = IncorrectTokens[j];
    }

    public BpeTokenizer Tokenizer { get; }

    /// <summary>Most input tokens (the model's context).</summary>
    public int MaxTokens { get; }

    /// <summary>Tokens of " correct".</summary>
    public int[] CorrectTokens { get; }

    /// <summary>Tokens of " incorrect".</summary>
    public int[] IncorrectTokens { get; }

    /// <summary>Label tokens both encodings share before they differ (appended to every input).</summary>
    public ReadOnlySpan<int> SharedPrefix => _sharedPrefix;

    /// <summary>The first token of " correct" that differs from " incorrect"'s: its logit is l_c.</summary>
    public int CorrectId { get; }

    /// <summary>The first token of " incorrect" that differs from " correct"'s: its logit is l_i.</summary>
    public int IncorrectId { get; }

    /// <summary>The input tokens; the label logits are read at its last position.</summary>
    public int[] Input(string problem, string solution)
    {
        var ids = new List<int>(256) { Tokenizer.BosId };
        Tokenizer.Encode(EvaluatorPromptScorer.Prompt(problem, solution), ids);
        ids.AddRange(_sharedPrefix);
        return ids.Count <= MaxTokens ? ids.ToArray() : ids.GetRange(ids.Count - MaxTokens, MaxTokens).ToArray();
    }

    /// <summary>
    /// The evaluation task as a plain SFT sequence (the label word as the response, for multi-task
    /// fine-tuning with the ordinary trainer): <c>[BOS] prompt label [EOS]</c>, its response part being
    /// the label's tokens and EOS. Too long for <see cref="MaxTokens"/> + 1 tokens: the front of the
    /// prompt is dropped, as <see cref="Input"/> does.
    /// </summary>
    public (int[] Tokens, int PromptLength) SftSequence(string problem, string solution, bool isCorrect)
    {
        var ids = new List<int>(256) { Tokenizer.BosId };
        Tokenizer.Encode(EvaluatorPromptScorer.Prompt(problem, solution), ids);
        int prompt = ids.Count;
        ids.AddRange(isCorrect ? CorrectTokens : IncorrectTokens);
        ids.Add(Tokenizer.EosId);
        int cut = Math.Max(0, ids.Count - (MaxTokens + 1));
        return (ids.GetRange(cut, ids.Count - cut).ToArray(), prompt - cut);
    }
}
