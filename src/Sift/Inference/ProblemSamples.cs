using Sift.Data;

namespace Sift.Inference;

/// <summary>One completion of a problem.</summary>
/// <param name="Text">Decoded completion (stop token removed).</param>
/// <param name="Tokens">New tokens generated (stop token included).</param>
/// <param name="Finish">Why it ended: stop_token, max_new_tokens, context_full or prompt_too_long.</param>
public sealed record Completion(string Text, int Tokens, string Finish);

/// <summary>The completions sampled for one problem, in sample-index order.</summary>
public sealed record ProblemSamples(MathProblem Problem, string Prompt, IReadOnlyList<Completion> Completions);

/// <summary>Progress of a sampling job.</summary>
/// <param name="Done">Completions finished.</param>
/// <param name="Total">Completions requested.</param>
/// <param name="GeneratedTokens">New tokens so far.</param>
/// <param name="Elapsed">Wall time so far.</param>
public readonly record struct SamplingProgress(long Done, long Total, long GeneratedTokens, TimeSpan Elapsed)
{
    public double TokensPerSecond => GeneratedTokens / Math.Max(1e-9, Elapsed.TotalSeconds);

    public TimeSpan Remaining => Done == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Elapsed.TotalSeconds / Done * (Total - Done));
}
