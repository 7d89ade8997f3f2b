using Sift.Inference;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Model.Generation;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Tests.Model.Checkpoints;
using Sift.Tests.Training.Sft;

namespace Sift.Tests.Inference;

/// <summary>One prompt's continuation (`sift generate`'s library half) on Hugging Face reference checkpoints.</summary>
public sealed class PromptContinuationTests
{
    [Theory]
    [InlineData("qwen3")]
    [InlineData("llama3_rope")]
    [InlineData("gpt2")]
    public void Greedy_continuation_is_the_reference_greedy_path_up_to_a_stop_id(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        var result = PromptContinuation.Generate(model, f.GreedyPrompt, SamplingOptions.Greedy with { MaxNewTokens = f.Greedy.Length });
        Assert.Equal(f.GreedyPrompt, result.PromptIds);
        Assert.Null(result.Text);
        // The reference never stops; the engine stops at the checkpoint's EOS ids, so it is the reference's prefix.
        int stop = Array.FindIndex(f.Greedy, model.Config.StopTokenIds.Contains);
        Assert.Equal(stop < 0 ? f.Greedy : f.Greedy[..(stop + 1)], result.Ids);
        Assert.Equal(stop < 0 ? FinishReason.MaxNewTokens : FinishReason.StopToken, result.Reason);
    }

    [Fact]
    public void Every_eos_id_of_the_checkpoint_stops_generation()
    {
        var f = HfFixture.Load("qwen3");
        using var model = ModelDirectory.Load(f.Directory);
        // Declare the reference's third greedy token an EOS id (as generation_config.json's list would): generation ends on it.
        var config = model.Config with { EosTokenIds = [.. model.Config.EosTokenIds, f.Greedy[2]] };
        using var withEos = TransformerModel.Create(config, 1);
        model.Weights.Span.CopyTo(withEos.Weights.Span);
        var result = PromptContinuation.Generate(withEos, f.GreedyPrompt, SamplingOptions.Greedy with { MaxNewTokens = f.Greedy.Length });
        Assert.Equal(FinishReason.StopToken, result.Reason);
        Assert.Equal(f.Greedy[2], result.Ids[^1]);
        Assert.True(result.Ids.Count <= 3);
    }

    [Fact]
    public void A_text_prompt_gets_the_tokenizers_bos_and_decodes_its_continuation()
    {
        var tokenizer = SftTestData.Tokenizer;
        using var model = TransformerModel.Create(SftTestData.TinyConfig(64), 3);
        var ids = PromptContinuation.Encode(tokenizer, "Tom has 3 apples.", addBos: true);
        Assert.Equal(tokenizer.BosId, ids[0]);
        Assert.Equal(tokenizer.Encode("Tom has 3 apples."), ids[1..]);
        var result = PromptContinuation.Generate(model, ids, SamplingOptions.Greedy with { MaxNewTokens = 5 }, tokenizer);
        Assert.InRange(result.Ids.Count, 1, 5);
        Assert.Equal(tokenizer.Decode(result.Ids.Where(i => i < tokenizer.VocabSize).ToArray()), result.Text);
        Assert.Equal(ids[1..], PromptContinuation.Encode(tokenizer, "Tom has 3 apples.", addBos: false));
    }

    [Fact]
    public void Ids_outside_the_vocabulary_or_the_context_are_refused()
    {
        using var model = TransformerModel.Create(SftTestData.TinyConfig(16), 3);
        int vocab = model.Config.VocabSize;
        Assert.Contains($"outside the model's vocabulary of {vocab}", Assert.Throws<ArgumentException>(() => PromptContinuation.Generate(model, [1, vocab], SamplingOptions.Greedy)).Message);
        Assert.Contains("context is 16", Assert.Throws<ArgumentException>(() => PromptContinuation.Generate(model, new int[16], SamplingOptions.Greedy)).Message);
        Assert.Throws<ArgumentException>(() => PromptContinuation.Generate(model, [], SamplingOptions.Greedy));
    }
}
