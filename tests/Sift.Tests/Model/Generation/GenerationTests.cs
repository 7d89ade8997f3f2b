using Sift.Model;
using Sift.Model.Generation;
using Sift.Model.Sampling;
using Sift.Tests.Tensors.Kernels;

namespace Sift.Tests.Model.Generation;

[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class GenerationTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var g in GemmCases.All())
        {
            yield return [ModelFamily.Llama, g[0]];
            yield return [ModelFamily.Gpt2, g[0]];
        }
    }

    private static TransformerModel Model(ModelFamily family, string gemm)
    {
        var model = TransformerModel.Create(ModelTestData.Tiny(family), 21, GemmCases.Get(gemm));
        // A sharper distribution than the 0.02 init, so sampling is not uniform noise.
        foreach (ref float w in model.Weights.Span) w *= 8f;
        return model;
    }

    private static int[][] Prompts(int count, int vocab)
    {
        var rng = new Random(4);
        return Enumerable.Range(0, count).Select(i => Enumerable.Range(0, 1 + (i * 3) % 7).Select(_ => rng.Next(vocab)).ToArray()).ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Greedy_with_the_cache_equals_recomputing_the_whole_sequence(ModelFamily family, string gemm)
    {
        using var model = Model(family, gemm);
        const int maxSeq = 24;
        using var generator = new TextGenerator(model, 4, maxSeq);
        using var graph = new TrainingGraph(model, 1, maxSeq);
        var prompts = Prompts(3, model.Config.VocabSize);
        var results = generator.Generate(prompts, SamplingOptions.Greedy with { MaxNewTokens = 12 });
        for (int i = 0; i < prompts.Length; i++)
        {
            var seq = prompts[i].ToList();
            for (int step = 0; step < 12; step++)
            {
                var logits = graph.Forward(seq.ToArray(), 1, seq.Count);
                int v = model.Config.VocabSize;
                seq.Add(LogitsSampler.Greedy(logits.Slice((seq.Count - 1) * v, v)));
            }
            Assert.Equal(seq.Skip(prompts[i].Length).ToArray(), results[i].Tokens);
            Assert.Equal(FinishReason.MaxNewTokens, results[i].Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Batched_generation_equals_generating_each_sequence_alone(ModelFamily family, string gemm)
    {
        using var model = Model(family, gemm);
        var prompts = Prompts(7, model.Config.VocabSize);
        var options = new SamplingOptions { Temperature = 0.9f, TopK = 20, TopP = 0.95f, MaxNewTokens = 10, Seed = 123, StopTokenIds = [3] };
        using var batched = new TextGenerator(model, 5, 20); // 7 prompts, 5 slots: slots are reused
        var together = batched.Generate(prompts, options);
        using var single = new TextGenerator(model, 1, 20);
        for (int i = 0; i < prompts.Length; i++)
        {
            var alone = single.Generate([prompts[i]], options, firstSequenceIndex: i)[0];
            Assert.Equal(alone.Tokens, together[i].Tokens);
            Assert.Equal(alone.Reason, together[i].Reason);
            Assert.Equal(i, together[i].Index);
        }
        // Different sequences draw from different streams.
        Assert.True(together.Select(r => string.Join(",", r.Tokens)).Distinct().Count() > 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Long_prompts_prefilled_by_the_gemm_also_match_alone_and_recomputed(ModelFamily family, string gemm)
    {
        var config = ModelTestData.Tiny(family) with { MaxPositionEmbeddings = 80 };
        using var model = TransformerModel.Create(config, 22, GemmCases.Get(gemm));
        foreach (ref float w in model.Weights.Span) w *= 8f;
        var rng = new Random(5);
        int[][] prompts = [.. new[] { 60, 2, 55 }.Select(n => Enumerable.Range(0, n).Select(_ => rng.Next(config.VocabSize)).ToArray())];
        Assert.True(prompts[0].Length > TextGenerator.PrefillGemmRows);
        var options = new SamplingOptions { Temperature = 0.8f, MaxNewTokens = 6, Seed = 9 };
        using var batched = new TextGenerator(model, 3, 72);
        var together = batched.Generate(prompts, options);
        using var single = new TextGenerator(model, 1, 72);
        for (int i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(single.Generate([prompts[i]], options, firstSequenceIndex: i)[0].Tokens, together[i].Tokens);
        }
        // Greedy from the long prompt equals recomputing the whole sequence.
        var greedy = batched.Generate([prompts[0]], SamplingOptions.Greedy with { MaxNewTokens = 5 })[0];
        using var graph = new TrainingGraph(model, 1, 72);
        var seq = prompts[0].ToList();
        for (int step = 0; step < 5; step++)
        {
            var logits = graph.Forward(seq.ToArray(), 1, seq.Count);
            seq.Add(LogitsSampler.Greedy(logits.Slice((seq.Count - 1) * config.VocabSize, config.VocabSize)));
        }
        Assert.Equal(seq.Skip(60).ToArray(), greedy.Tokens);
    }

    [Fact]
    public void Stops_on_stop_tokens_stop_strings_and_context()
    {
        using var model = Model(ModelFamily.Gpt2, "naive");
        using var generator = new TextGenerator(model, 2, 12);
        var prompts = new[] { new[] { 1, 2, 3 } };
        var free = generator.Generate(prompts, SamplingOptions.Greedy with { MaxNewTokens = 6 })[0];
        Assert.Equal(6, free.Tokens.Length);
        // Stop token: the first greedy token.
        var stopTok = generator.Generate(prompts, SamplingOptions.Greedy with { MaxNewTokens = 6, StopTokenIds = [free.Tokens[2]] })[0];
        Assert.Equal(FinishReason.StopToken, stopTok.Reason);
        Assert.Equal(free.Tokens.Take(Array.IndexOf(free.Tokens, free.Tokens[2]) + 1), stopTok.Tokens);
        // Stop string over a toy decoder: token t → "<t>".
        string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(t => $"<{t}>"));
        string stop = $"{free.Tokens[1]}><{free.Tokens[2]}";
        var stopStr = generator.Generate(prompts, SamplingOptions.Greedy with { MaxNewTokens = 6, StopStrings = [stop] }, Decode)[0];
        Assert.Equal(FinishReason.StopString, stopStr.Reason);
        Assert.Equal(Decode(free.Tokens.Take(3).ToList())[..Decode(free.Tokens.Take(3).ToList()).IndexOf(stop, StringComparison.Ordinal)], stopStr.Text);
        // Context: maxSeq 12 with a 9-token prompt leaves room for 4 new tokens.
        var full = generator.Generate([Enumerable.Range(1, 9).ToArray()], SamplingOptions.Greedy with { MaxNewTokens = 50 })[0];
        Assert.Equal(FinishReason.ContextFull, full.Reason);
        Assert.Equal(4, full.Tokens.Length);
    }

    [Fact]
    public void Same_seed_same_tokens_other_seed_other_tokens()
    {
        using var model = Model(ModelFamily.Llama, "naive");
        using var generator = new TextGenerator(model, 3, 20);
        var prompts = Prompts(3, model.Config.VocabSize);
        var o = new SamplingOptions { Temperature = 1f, MaxNewTokens = 8, Seed = 5 };
        var a = generator.Generate(prompts, o);
        var b = generator.Generate(prompts, o);
        var c = generator.Generate(prompts, o with { Seed = 6 });
        Assert.Equal(a.Select(r => r.Tokens), b.Select(r => r.Tokens));
        Assert.NotEqual(a.SelectMany(r => r.Tokens), c.SelectMany(r => r.Tokens));
    }
}
