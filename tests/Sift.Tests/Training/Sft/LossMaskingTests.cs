using Sift.Data;
using Sift.Model;
using Sift.Training.Sft;

namespace Sift.Tests.Training.Sft;

public sealed class LossMaskingTests
{
    [Fact]
    public void Example_weights_cover_response_and_eos_only()
    {
        var tok = SftTestData.Tokenizer;
        var builder = new SftExampleBuilder(tok, PromptTemplate.Plain, 500);
        var e = builder.Build("What is 2+3?", "2+3=<<2+3=5>>5\n#### 5")!;
        var prompt = builder.PromptTokens("What is 2+3?");
        Assert.Equal(prompt.Length, e.PromptLength);
        Assert.Equal(prompt, e.Tokens[..e.PromptLength]);
        Assert.Equal(tok.BosId, e.Tokens[0]);
        Assert.Equal(tok.EosId, e.Tokens[^1]);
        Assert.Equal("2+3=<<2+3=5>>5\n#### 5", tok.Decode(e.Tokens.AsSpan(e.PromptLength, e.Tokens.Length - e.PromptLength - 1)));
        for (int t = 0; t < e.InputLength; t++)
        {
            // Position t predicts token t+1: weight 1 exactly for response tokens and EOS.
            Assert.Equal(t + 1 >= prompt.Length ? 1f : 0f, e.WeightAt(t));
        }
        Assert.Equal(e.ResponseTokens, Enumerable.Range(0, e.InputLength).Sum(t => (int)e.WeightAt(t)));
    }

    [Fact]
    public void With_a_chat_template_the_weights_cover_the_assistant_turn_and_eos_only()
    {
        var tok = SftTestData.Tokenizer;
        var builder = new SftExampleBuilder(tok, PromptTemplate.ChatMl, 500);
        var e = builder.Build("What is 2+3?", "2+3=<<2+3=5>>5\n#### 5")!;
        var prompt = builder.PromptTokens("What is 2+3?");
        Assert.Equal(prompt.Length, e.PromptLength);
        Assert.Equal(prompt, e.Tokens[..e.PromptLength]);
        Assert.EndsWith("<|im_start|>assistant\n", tok.Decode(e.Tokens.AsSpan(1, e.PromptLength - 1)), StringComparison.Ordinal);
        Assert.Equal("2+3=<<2+3=5>>5\n#### 5<|im_end|>\n", tok.Decode(e.Tokens.AsSpan(e.PromptLength, e.Tokens.Length - e.PromptLength - 1)));
        Assert.Equal(tok.EosId, e.Tokens[^1]);
        for (int t = 0; t < e.InputLength; t++) Assert.Equal(t + 1 >= prompt.Length ? 1f : 0f, e.WeightAt(t));
    }

    [Fact]
    public void Too_long_examples_are_dropped_and_counted()
    {
        var builder = new SftExampleBuilder(SftTestData.Tokenizer, PromptTemplate.Plain, 20);
        var all = builder.BuildAll([("short?", "1"), ("a much longer question that will not fit in twenty tokens at all, surely", "2+2=<<2+2=4>>4\n#### 4")], out int dropped);
        Assert.Single(all);
        Assert.Equal(1, dropped);
    }

    [Fact]
    public void Prompt_targets_get_zero_gradient_and_response_targets_do_not()
    {
        var tok = SftTestData.Tokenizer;
        var builder = new SftExampleBuilder(tok, PromptTemplate.Plain, 200);
        var examples = SftTestData.Train.Take(3).Select(p => builder.Build(p.Question, p.Solution)!).ToArray();
        using var model = TransformerModel.Create(SftTestData.TinyConfig(200), 5);
        using var graph = new TrainingGraph(model, 3, 200);
        var filler = new SftBatchFiller(3, 200, tok.PadId);
        var mb = filler.Fill(examples, [0, 1, 2]);
        int n = mb.Batch * mb.Seq;
        var tokens = mb.Tokens[..n];
        var targets = mb.Targets[..n];
        var weights = mb.Weights[..n];
        float den = weights.Sum();

        float[] Gradient(int[] tgt)
        {
            graph.ZeroGradients();
            graph.ForwardBackward(tokens, tgt, weights, mb.Batch, mb.Seq, den);
            return graph.Gradients.Span.ToArray();
        }

        var reference = Gradient(targets);
        // Change every target at a weight-0 position (prompt and padding): gradients must not move.
        var promptChanged = (int[])targets.Clone();
        for (int i = 0; i < n; i++)
        {
            if (weights[i] == 0) promptChanged[i] = (promptChanged[i] + 7) % tok.VocabSize;
        }
        Assert.Equal(reference, Gradient(promptChanged));
        // Changing one response target must change them (the test can fail).
        var responseChanged = (int[])targets.Clone();
        int r = Array.FindIndex(weights, w => w > 0);
        responseChanged[r] = (responseChanged[r] + 7) % tok.VocabSize;
        Assert.NotEqual(reference, Gradient(responseChanged));
    }
}
