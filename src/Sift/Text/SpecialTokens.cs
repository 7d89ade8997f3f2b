namespace Sift.Text;

/// <summary>The special tokens Sift's tokenizers define (recognised in text only when encoding with allowSpecial).</summary>
public static class SpecialTokens
{
    /// <summary>Beginning of sequence.</summary>
    public const string Bos = "<|bos|>";

    /// <summary>End of sequence: generation stops here.</summary>
    public const string Eos = "<|eos|>";

    /// <summary>Padding (never a training target).</summary>
    public const string Pad = "<|pad|>";

    /// <summary>BOS, EOS and PAD, in that order.</summary>
    public static IReadOnlyList<string> Default { get; } = [Bos, Eos, Pad];

    // Names other tokenizers use for the same roles, tried in order when loading a foreign tokenizer.json
    // (BpeTokenizer prefers what the post_processor adds, and tokenizer_config.json overrides both).
    // <|im_start|> opens a chat turn, not a sequence: Qwen's config.json gives <|endoftext|> as bos_token_id.
    internal static readonly string[] BosCandidates = [Bos, "<|begin_of_text|>", "<s>", "<bos>", "<｜begin▁of▁sentence｜>", "<|endoftext|>"];
    internal static readonly string[] EosCandidates = [Eos, "<|end_of_text|>", "</s>", "<eos>", "<｜end▁of▁sentence｜>", "<|endoftext|>", "<|im_end|>", "<|eot_id|>"];
    internal static readonly string[] PadCandidates = [Pad, "<pad>", "<|finetune_right_pad_id|>", "[PAD]"];
}
