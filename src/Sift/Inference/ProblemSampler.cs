using System.Diagnostics;
using Sift.Data;
using Sift.Model;
using Sift.Model.Generation;
using Sift.Text;

namespace Sift.Inference;

/// <summary>
/// Samples K completions per problem with the engine's batched KV-cache generator. Completion j of
/// the problem at position i of the list samples from a stream derived from (seed, i·K + j), so the
/// texts do not depend on the batch size, the chunking or the thread count. The one sampling API of
/// evaluation, RFT and ReST-EM's E-step.
/// </summary>
public sealed class ProblemSampler(TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template)
{
    public TransformerModel Model { get; } = model;

    public BpeTokenizer Tokenizer { get; } = tokenizer;

    public PromptTemplate Template { get; } = template;

    /// <summary>The token ids generation starts from: the tokenizer's prefix (BOS where it adds one) and <c>template(question)</c>, as SFT trains.</summary>
    public int[] PromptTokens(string question) => Template.PromptTokens(Tokenizer, question);

    /// <summary>Samples <see cref="SamplingSettings.K"/> completions for every problem.</summary>
    public IReadOnlyList<ProblemSamples> Sample(IReadOnlyList<MathProblem> problems, SamplingSettings settings, IProgress<SamplingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        int k = settings.K;
        var prompts = problems.Select(p => PromptTokens(p.Question)).ToArray();
        int longest = prompts.Length == 0 ? 1 : prompts.Max(p => p.Length);
        int maxSeq = Math.Min(Model.Config.MaxPositionEmbeddings, longest + settings.Decoding.MaxNewTokens);
        // Stop at the tokenizer's EOS and at every EOS id the checkpoint declares (config.json and
        // generation_config.json: Llama-3 Instruct ends a turn with <|eot_id|>, not <|end_of_text|>).
        var options = settings.ToSamplingOptions([Tokenizer.EosId, .. Model.Config.StopTokenIds]);
        long total = (long)problems.Count * k;
        var completions = new Completion[total];
        // Work list of (global sequence index) for prompts that fit; the rest get an empty completion.
        var work = new List<int>();
        for (int i = 0; i < problems.Count; i++)
        {
            for (int j = 0; j < k; j++)
            {
                if (prompts[i].Length < maxSeq) work.Add(i * k + j);
                else completions[i * k + j] = new Completion("", 0, "prompt_too_long");
            }
        }
        int slots = Math.Max(1, Math.Min(settings.BatchSize, work.Count));
        using var generator = new TextGenerator(Model, slots, Math.Max(2, maxSeq));
        var clock = Stopwatch.StartNew();
        long done = total - work.Count, tokens = 0;
        // Chunks keep progress reports coming; each call seeds its sequences by global index, so a
        // chunk boundary never changes a sample. Consecutive indices in a chunk share firstSequenceIndex
        // only when contiguous, so runs of contiguous indices are generated together.
        int chunk = Math.Max(slots * 4, 64);
        int at = 0;
        while (at < work.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int start = at;
            int end = start + 1;
            while (end < work.Count && end - start < chunk && work[end] == work[end - 1] + 1) end++;
            var batchPrompts = new List<int[]>(end - start);
            for (int w = start; w < end; w++) batchPrompts.Add(prompts[work[w] / k]);
            var generated = generator.Generate(batchPrompts, options, null, work[start]);
            for (int w = start; w < end; w++)
            {
                var g = generated[w - start];
                var ids = g.Reason == FinishReason.StopToken ? g.Tokens.AsSpan(0, g.Tokens.Length - 1) : g.Tokens.AsSpan();
                completions[work[w]] = new Completion(Decode(ids), g.Tokens.Length, FinishName(g.Reason));
                tokens += g.Tokens.Length;
            }
            done += end - start;
            at = end;
            progress?.Report(new SamplingProgress(done, total, tokens, clock.Elapsed));
        }
        var result = new ProblemSamples[problems.Count];
        for (int i = 0; i < problems.Count; i++)
        {
            result[i] = new ProblemSamples(problems[i], Template.Render(problems[i].Question), completions.AsSpan(i * k, k).ToArray());
        }
        return result;
    }

    /// <summary>Text of generated ids; ids beyond the tokenizer (a model vocabulary padded past it) have no text.</summary>
    private string Decode(ReadOnlySpan<int> ids)
    {
        int vocab = Tokenizer.VocabSize;
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)vocab)
            {
                var kept = new List<int>(ids.Length);
                foreach (var x in ids) if ((uint)x < (uint)vocab) kept.Add(x);
                return Tokenizer.Decode(kept.ToArray(), skipSpecial: true);
            }
        }
        return Tokenizer.Decode(ids, skipSpecial: true);
    }

    private static string FinishName(FinishReason reason) => reason switch
    {
        FinishReason.StopToken => "stop_token",
        FinishReason.StopString => "stop_string",
        FinishReason.MaxNewTokens => "max_new_tokens",
        _ => "context_full",
    };
}
