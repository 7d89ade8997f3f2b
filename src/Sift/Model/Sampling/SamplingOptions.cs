namespace Sift.Model.Sampling;

/// <summary>
/// How to pick tokens (Hugging Face order: temperature → top-k → top-p) and when to stop.
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Softmax temperature; 0 means greedy (argmax, ties to the lowest id).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Keep only tokens whose logit is at least the k-th largest (ties kept, as HF); 0 = off.</summary>
    public int TopK { get; init; }

    /// <summary>Nucleus: keep the most probable tokens until their mass reaches p (Holtzman et al., 2020); 1 = off.</summary>
    public float TopP { get; init; } = 1f;

    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Token ids that end a sequence (EOS); the stop token itself is not part of the completion.</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Strings that end a sequence when they appear in the decoded completion (see <see cref="StopStringMatcher"/>).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Root seed; per-sequence streams derive from it by name (<see cref="SeedDerivation"/>).</summary>
    public ulong Seed { get; init; }

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0f };

    public bool IsGreedy => Temperature == 0f || TopK == 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Temperature >= 0f) || float.IsInfinity(Temperature)) throw new ArgumentException($"sampling temperature must be finite and >= 0, got {Temperature}");
        if (TopK < 0) throw new ArgumentException($"sampling top_k must be >= 0 (0 = off), got {TopK}");
        if (!(TopP > 0f && TopP <= 1f)) throw new ArgumentException($"sampling top_p must be in (0, 1] (1 = off), got {TopP}");
        if (MaxNewTokens < 0) throw new ArgumentException($"sampling max_new_tokens must be >= 0, got {MaxNewTokens}");
        foreach (var s in StopStrings)
        {
            if (string.IsNullOrEmpty(s)) throw new ArgumentException("sampling stop_strings must not contain an empty string");
        }
    }

    public bool IsStopToken(int tokenId)
    {
        for (int i = 0; i < StopTokenIds.Count; i++)
        {
            if (StopTokenIds[i] == tokenId) return true;
        }
        return false;
    }
}
