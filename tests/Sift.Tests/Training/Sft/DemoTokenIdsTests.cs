using Sift.Data;
using Sift.Inference;
using Sift.Model;
using Sift.Tests.Text;
using Sift.Text;
using Sift.Training.Sft;

namespace Sift.Tests.Training.Sft;

/// <summary>
/// Sift's own tokenizers keep exactly the ids they always had: [BOS] + the prompt, the response, EOS
/// (the demo's numbers depend on them), whatever the BOS rules for Hugging Face tokenizers do. The ids
/// were recorded before those rules existed, with the committed GSM8K tokenizer.
/// </summary>
public sealed class DemoTokenIdsTests
{
    private const string Question = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?";
    private const string Solution = "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";

    private static readonly int[] PlainIds =
    [
        1021, 48, 84, 464, 411, 25, 791, 287, 282, 739, 644, 531, 525, 82, 278, 220, 19, 23, 276, 382, 807, 298, 434, 79,
        81, 321, 11, 300, 546, 344, 644, 533, 359, 336, 531, 525, 82, 298, 409, 304, 13, 365, 336, 531, 525, 82, 479, 791,
        287, 282, 739, 605, 767, 660, 673, 298, 434, 79, 81, 321, 300, 409, 304, 30, 198, 32, 77, 82, 999, 25, 220, 45,
        287, 282, 739, 644, 220, 19, 23, 14, 17, 279, 288, 19, 23, 14, 17, 28, 17, 19, 274, 17, 19, 531, 525, 82,
        298, 409, 304, 13, 198, 45, 287, 282, 739, 644, 220, 19, 23, 10, 17, 19, 279, 288, 19, 23, 10, 17, 19, 28,
        22, 17, 274, 22, 17, 531, 525, 82, 767, 660, 673, 298, 434, 79, 81, 321, 300, 409, 304, 13, 198, 314, 220, 22,
        17, 1022,
    ];

    private static readonly int[] AlpacaIds =
    [
        1021, 33, 430, 296, 308, 441, 298, 320, 81, 587, 83, 411, 375, 284, 262, 66, 374, 65, 262, 258, 256, 289, 74, 13,
        554, 81, 813, 258, 362, 262, 79, 475, 68, 375, 584, 324, 79, 374, 287, 430, 88, 690, 75, 313, 262, 260, 346, 420,
        464, 13, 198, 198, 277, 2, 995, 320, 81, 587, 83, 411, 25, 198, 45, 287, 282, 739, 644, 531, 525, 82, 278, 220,
        19, 23, 276, 382, 807, 298, 434, 79, 81, 321, 11, 300, 546, 344, 644, 533, 359, 336, 531, 525, 82, 298, 409, 304,
        13, 365, 336, 531, 525, 82, 479, 791, 287, 282, 739, 605, 767, 660, 673, 298, 434, 79, 81, 321, 300, 409, 304, 30,
        198, 198, 277, 2, 638, 262, 79, 475, 68, 25, 45, 287, 282, 739, 644, 220, 19, 23, 14, 17, 279, 288, 19, 23,
        14, 17, 28, 17, 19, 274, 17, 19, 531, 525, 82, 298, 409, 304, 13, 198, 45, 287, 282, 739, 644, 220, 19, 23,
        10, 17, 19, 279, 288, 19, 23, 10, 17, 19, 28, 22, 17, 274, 22, 17, 531, 525, 82, 767, 660, 673, 298, 434,
        79, 81, 321, 300, 409, 304, 13, 198, 314, 220, 22, 17, 1022,
    ];

    private static BpeTokenizer Tokenizer() => BpeTokenizer.Load(SharedTokenizers.Fixture("sift_gsm8k_1024.tokenizer.json"));

    [Theory]
    [InlineData("plain", 71)]
    [InlineData("alpaca", 130)]
    public void Sft_examples_and_prompts_of_a_sift_tokenizer_keep_their_ids(string template, int promptLength)
    {
        var tok = Tokenizer();
        var t = PromptTemplate.ByName(template);
        var expected = template == "plain" ? PlainIds : AlpacaIds;
        var builder = new SftExampleBuilder(tok, t, 4096);
        var e = builder.Build(Question, Solution)!;
        Assert.Equal(expected, e.Tokens);
        Assert.Equal(promptLength, e.PromptLength);
        Assert.Equal(expected[..promptLength], builder.PromptTokens(Question));
        using var model = TransformerModel.Create(new ModelShape { Hidden = 8, Layers = 1, Heads = 1, KeyValueHeads = 1, Intermediate = 8, Context = 256 }.ToConfig(tok.VocabSize, tok.BosId, tok.EosId), 1);
        Assert.Equal(expected[..promptLength], new ProblemSampler(model, tok, t).PromptTokens(Question));
    }

    [Fact]
    public void A_sift_tokenizer_keeps_its_roles()
    {
        var tok = Tokenizer();
        Assert.Equal((1021, 1022, 1023), (tok.BosId, tok.EosId, tok.PadId));
    }
}
