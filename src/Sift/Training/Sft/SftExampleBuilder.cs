using Sift.Data;
using Sift.Text;

namespace Sift.Training.Sft;

/// <summary>
/// Turns (question, response) pairs into <see cref="SftExample"/>s: the template renders the prompt,
/// prompt and response are encoded separately (so the prompt tokens are exactly those the sampler
/// will see at generation time) and EOS closes the response. Examples longer than the context are
/// dropped and counted, never silently cut (a cut response would teach the model to stop mid-way).
/// </summary>
public sealed class SftExampleBuilder(BpeTokenizer tokenizer, PromptTemplate template, int maxTokens)
{
    public BpeTokenizer Tokenizer { get; } = tokenizer;

    public PromptTemplate Template { get; } = template;

    /// <summary>Most tokens an example may have (model context + 1, since inputs drop the last token).</summary>
    public int MaxTokens { get; } = maxTokens;

    /// <summary>The prompt tokens generation starts from: the tokenizer's prefix (BOS where it adds one), then <c>template(question)</c>.</summary>
    public int[] PromptTokens(string question) => Template.PromptTokens(Tokenizer, question);

    /// <summary>
    /// One example, or null when it does not fit in <see cref="MaxTokens"/>. The template splits the
    /// text (a chat template adds its end-of-turn text to the response, which is then trained on too).
    /// </summary>
    public SftExample? Build(string question, string response)
    {
        var text = Template.Build(question, response);
        bool special = Template.SpecialTokensInText;
        var ids = new List<int>(128);
        ids.AddRange(Tokenizer.EncodePrompt(text.Prompt, special));
        int promptLength = ids.Count;
        var responseIds = Tokenizer.Encode(text.Response, special);
        ids.AddRange(responseIds);
        // A chat template that closes the turn with the EOS token (Qwen's <|im_end|>) has already
        // taught the model where to stop; a second EOS after it would teach "<|im_end|>\n<|im_end|>".
        if (!(special && responseIds.Contains(Tokenizer.EosId))) ids.Add(Tokenizer.EosId);
        return ids.Count > MaxTokens || ids.Count - promptLength < 2 ? null : new SftExample(ids.ToArray(), promptLength);
    }

    /// <summary>Examples for every (question, response) pair; <paramref name="dropped"/> counts those too long.</summary>
    public IReadOnlyList<SftExample> BuildAll(IEnumerable<(string Question, string Response)> pairs, out int dropped)
    {
        var list = new List<SftExample>();
        dropped = 0;
        foreach (var (q, r) in pairs)
        {
            if (Build(q, r) is { } e) list.Add(e);
            else dropped++;
        }
        return list;
    }

    /// <summary>The SFT examples of problems with their reference solutions.</summary>
    public IReadOnlyList<SftExample> FromProblems(IEnumerable<MathProblem> problems, out int dropped) =>
        BuildAll(problems.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)), out dropped);
}
