using Sift.Text;

namespace Sift.Tests.Text;

public sealed class BpeTrainerTests
{
    [Fact]
    public void Learns_the_hand_checked_merges_of_a_tiny_corpus()
    {
        // Pieces: "abab", " abab", " ab". Pair counts: (a,b)=5, (b,a)=2, (Ġ,a)=2 → merge "a b".
        // Then (ab,ab)=2 and (Ġ,ab)=2 tie; ids: 'Ġ'=220 < 'ab'=256, so "Ġ ab" wins the tie.
        // Then (ab,ab)=1 and (Ġab,ab)=1: "ab ab" (256,256) before "Ġab ab" (257,256).
        var tok = BpeTrainer.Train(["abab abab ab"], 256 + 4 + 3, options: new BpeTrainerOptions { MinPairFrequency = 1 });
        var merges = tok.Merges.List.Select(m => tok.IdToToken(m.Left) + " " + tok.IdToToken(m.Right)).ToArray();
        Assert.Equal(new[] { "a b", "Ġ ab", "ab ab", "Ġab ab" }, merges);
        Assert.Equal(263, tok.VocabSize);
        Assert.Equal(new[] { "abab", "Ġab" }, tok.Encode("abab ab").Select(tok.IdToToken));
        Assert.Equal(new[] { "Ġabab", "a" }, tok.Encode(" ababa").Select(tok.IdToToken));

        // With the default minimum frequency 2 it stops after the two frequent merges.
        var tok2 = BpeTrainer.Train(["abab abab ab"], 1000);
        Assert.Equal(2, tok2.MergeCount);
        Assert.Equal(256 + 2 + 3, tok2.VocabSize);
    }

    [Fact]
    public void Byte_ids_follow_gpt2_order_and_specials_come_last()
    {
        var tok = BpeTrainer.Train(["hello hello"], 300);
        Assert.Equal("!", tok.IdToToken(0));
        Assert.Equal("Ġ", tok.IdToToken(220));
        Assert.Equal(SpecialTokens.Default, tok.SpecialTokens);
        Assert.Equal(tok.VocabSize - 3, tok.BosId);
        Assert.Equal(tok.VocabSize - 2, tok.EosId);
        Assert.Equal(tok.VocabSize - 1, tok.PadId);
    }

    [Fact]
    public void Training_is_deterministic_and_digits_never_merge()
    {
        var a = BpeTrainer.Train(TextCorpus.Sample(1500, seed: 4), 380);
        var b = BpeTrainer.Train(TextCorpus.Sample(1500, seed: 4), 380);
        Assert.Equal(a.ToJson(), b.ToJson());
        for (int id = 0; id < a.VocabSize; id++)
        {
            if (a.IsSpecial(id))
                continue;
            string t = a.Decode([id]);
            Assert.True(t.Length == 1 || !t.Any(char.IsAsciiDigit), $"token {id} '{t}' merges a digit");
        }
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BpeTrainer.Train(["x"], 100));
        Assert.Throws<ArgumentException>(() => BpeTrainer.Train(["x"], 300, ["<|eos|>", "<|eos|>"]));
        Assert.Throws<ArgumentException>(() => BpeTrainer.Train(["x"], 300, ["<|bos|>"]));
    }
}
