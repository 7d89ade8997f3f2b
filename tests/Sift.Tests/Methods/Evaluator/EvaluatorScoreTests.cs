using Sift.Methods.Evaluator;

namespace Sift.Tests.Methods.Evaluator;

public sealed class EvaluatorScoreTests
{
    [Fact]
    public void Score_is_the_two_label_renormalisation_of_a_full_softmax()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int vocab = rng.Next(3, 50);
            var logits = Enumerable.Range(0, vocab).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray();
            int c = rng.Next(vocab), i = (c + 1 + rng.Next(vocab - 1)) % vocab;
            double max = logits.Max();
            var p = logits.Select(l => Math.Exp(l - max)).ToArray();
            double z = p.Sum();
            double expected = (p[c] / z) / ((p[c] / z) + (p[i] / z));
            double s = EvaluatorLoss.Score(logits[c], logits[i]);
            Assert.InRange(s, 0, 1);
            Assert.Equal(expected, s, 10);
            Assert.Equal(1 - s, EvaluatorLoss.Score(logits[i], logits[c]), 10);
        }
        Assert.Equal(0.5, EvaluatorLoss.Score(3, 3));
        Assert.Equal(1.0, EvaluatorLoss.Score(1000, -1000));
        Assert.Equal(0.0, EvaluatorLoss.Score(-1000, 1000));
    }

    [Fact]
    public void Label_tokens_are_the_first_tokens_where_the_two_words_differ()
    {
        var tok = Sift.Tests.Training.Sft.SftTestData.Tokenizer;
        var enc = new EvaluatorEncoding(tok, 256);
        int j = enc.SharedPrefix.Length;
        Assert.Equal(enc.CorrectTokens[..j], enc.IncorrectTokens[..j]);
        Assert.Equal(enc.CorrectTokens[j], enc.CorrectId);
        Assert.Equal(enc.IncorrectTokens[j], enc.IncorrectId);
        Assert.NotEqual(enc.CorrectId, enc.IncorrectId);
        Assert.Equal(" correct", tok.Decode(enc.CorrectTokens));
        // The input ends with the prompt's last word plus the shared label prefix; long inputs keep their end.
        var input = enc.Input("What is 2 + 3?", "2 + 3 = 5. The answer is 5");
        Assert.True(input.Length < 256, $"{input.Length} tokens");
        Assert.Equal(tok.BosId, input[0]);
        Assert.EndsWith("The above candidate solution is", tok.Decode(input.AsSpan(0, input.Length - j), skipSpecial: true));
        var longInput = enc.Input(string.Concat(Enumerable.Repeat("What is 2 + 3? ", 100)), "The answer is 5");
        Assert.Equal(256, longInput.Length);
        Assert.EndsWith("The answer is 5. The above candidate solution is", tok.Decode(longInput.AsSpan(0, longInput.Length - j), skipSpecial: true));
    }
}
