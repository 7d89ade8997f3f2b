namespace Sift.Model.Generation;

/// <summary>Why a generated sequence ended.</summary>
public enum FinishReason
{
    /// <summary>A stop token (e.g. EOS) was sampled; it is the last token of the completion.</summary>
    StopToken,

    /// <summary>The decoded text contains a stop string; <see cref="GeneratedSequence.Text"/> ends before it.</summary>
    StopString,

    /// <summary>The requested number of new tokens was generated.</summary>
    MaxNewTokens,

    /// <summary>The sequence filled the generator's context (maxSeq).</summary>
    ContextFull,
}
