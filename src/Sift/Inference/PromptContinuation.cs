using Sift.Model;
using Sift.Model.Generation;
using Sift.Model.Sampling;
using Sift.Text;

namespace Sift.Inference;

/// <summary>
/// Continues one prompt with a model (a user's first smoke test of a checkpoint, `sift generate`):
/// the prompt as text (encoded with the tokenizer) or as token ids (a directory without a tokenizer
/// works), stopping at every EOS id the checkpoint declares.
/// </summary>
public static class PromptContinuation
{
    /// <summary>
    /// The prompt ids of <paramref name="text"/>, special tokens in the text kept as such: with
    /// <paramref name="addBos"/> the tokenizer's own prefix first (<see cref="BpeTokenizer.PrefixIds"/>:
    /// BOS where the tokenizer adds one, not again when the text starts with it).
    /// </summary>
    public static int[] Encode(BpeTokenizer tokenizer, string text, bool addBos)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(text);
        return addBos ? tokenizer.EncodePrompt(text, allowSpecial: true) : tokenizer.Encode(text, allowSpecial: true);
    }

    /// <summary>
    /// The prompt ids of a chat: <paramref name="prompt"/> as the user turn (after an optional system
    /// turn), rendered with <paramref name="chat"/> and its generation prompt, as transformers'
    /// <c>apply_chat_template(..., add_generation_prompt=True, tokenize=True)</c> (BOS only where the template
    /// or, with <paramref name="addBos"/>, the tokenizer adds one; never twice).
    /// </summary>
    public static (string Text, int[] Ids) EncodeChat(BpeTokenizer tokenizer, Sift.Text.Chat.ChatTemplate chat, string prompt, string? systemPrompt = null, bool addBos = true)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(prompt);
        List<Sift.Text.Chat.ChatMessage> turns = systemPrompt is null ? [Sift.Text.Chat.ChatMessage.User(prompt)] : [Sift.Text.Chat.ChatMessage.System(systemPrompt), Sift.Text.Chat.ChatMessage.User(prompt)];
        var text = chat.Apply(turns, new Sift.Text.Chat.ChatTemplateOptions { AddGenerationPrompt = true });
        return (text, Encode(tokenizer, text, addBos));
    }

    /// <summary>Continues <paramref name="promptIds"/> with <paramref name="options"/> (its stop ids are extended with the model's EOS ids).</summary>
    /// <param name="tokenizer">Decodes the new tokens (null: ids only).</param>
    public static Continuation Generate(TransformerModel model, IReadOnlyList<int> promptIds, SamplingOptions options, BpeTokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(options);
        if (promptIds.Count == 0) throw new ArgumentException("the prompt needs at least one token", nameof(promptIds));
        int vocab = model.Config.VocabSize;
        for (int i = 0; i < promptIds.Count; i++)
        {
            if ((uint)promptIds[i] >= (uint)vocab) throw new ArgumentException($"prompt id {promptIds[i]} (position {i}) is outside the model's vocabulary of {vocab}", nameof(promptIds));
        }
        int context = model.Config.MaxPositionEmbeddings;
        if (promptIds.Count >= context) throw new ArgumentException($"the prompt has {promptIds.Count} tokens; the model's context is {context}", nameof(promptIds));
        var stops = options.StopTokenIds.Concat(model.Config.StopTokenIds).Concat(tokenizer is null ? [] : [tokenizer.EosId]).Distinct().ToArray();
        int maxSeq = (int)Math.Min(context, (long)promptIds.Count + options.MaxNewTokens);
        using var generator = new TextGenerator(model, 1, Math.Max(2, maxSeq));
        var sequence = generator.Generate([promptIds.ToArray()], options with { StopTokenIds = stops })[0];
        var text = tokenizer?.Decode(sequence.Tokens.Where(id => (uint)id < (uint)tokenizer.VocabSize).ToArray());
        return new Continuation(promptIds.ToArray(), sequence.Tokens, text, sequence.Reason);
    }
}
