using System.Text.Json.Nodes;
using Sift.Text;

namespace Sift.Tests.Text;

/// <summary>Added-token behaviour Hugging Face's fixture cannot show: allowSpecial=false (its split_special_tokens).</summary>
public sealed class AddedTokenTests
{
    private static BpeTokenizer WithFlags()
    {
        var patch = new JsonObject
        {
            ["added_tokens"] = new JsonArray(
                new JsonObject { ["id"] = 0, ["content"] = "<unk>", ["special"] = true, ["normalized"] = false },
                new JsonObject { ["id"] = 1, ["content"] = "<s>", ["special"] = true, ["normalized"] = false },
                new JsonObject { ["id"] = 2, ["content"] = "</s>", ["special"] = true, ["normalized"] = false },
                new JsonObject { ["id"] = 999, ["content"] = "<tool>", ["special"] = false, ["normalized"] = false, ["lstrip"] = true }),
        };
        return HuggingFacePretrainedTests.Build("sp_tiny", patch);
    }

    [Fact]
    public void Specials_are_text_unless_allowed_but_other_added_tokens_always_split()
    {
        var tok = WithFlags();
        int tool = tok.TokenToId("<tool>");
        Assert.True(tool > 2);
        Assert.False(tok.IsSpecial(tool));
        Assert.True(tok.IsSpecial(tok.EosId));
        int[] plain = tok.Encode("a </s> b <tool>c");
        Assert.DoesNotContain(tok.EosId, plain);
        Assert.Contains(tool, plain);
        int[] allowed = tok.Encode("a </s> b <tool>c", allowSpecial: true);
        Assert.Contains(tok.EosId, allowed);
        Assert.Contains(tool, allowed);
        // lstrip: the space before <tool> belongs to the token; each piece between added tokens gets its own "▁" (Llama 2's legacy behaviour).
        Assert.Equal("a </s>  b<tool> c", tok.Decode(allowed));
        Assert.Equal("a   b<tool> c", tok.Decode(allowed, skipSpecial: true));
    }

    [Fact]
    public void Added_token_ids_follow_the_vocabulary_as_hugging_face_numbers_them()
    {
        // The JSON said 999; Hugging Face ignores it and numbers the token after model.vocab.
        var tok = WithFlags();
        Assert.Equal(tok.VocabSize - 1, tok.TokenToId("<tool>"));
        Assert.Equal(["<unk>", "<s>", "</s>"], tok.SpecialTokens);
        Assert.Equal(4, tok.AddedTokens.Count);
    }
}
