using System.Text;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class StreamingDecoderTests
{
    [Fact]
    public void Pieces_concatenate_to_the_full_decode_without_broken_characters()
    {
        var tok = BpeTokenizerTests.Tok;
        foreach (string s in BpeTokenizerTests.Samples)
        {
            int[] ids = tok.Encode(s, allowSpecial: true);
            var dec = new StreamingDecoder(tok);
            var sb = new StringBuilder();
            foreach (int id in ids)
            {
                string piece = dec.Append(id);
                Assert.DoesNotContain('\uFFFD', piece);
                sb.Append(piece);
            }
            sb.Append(dec.Flush());
            Assert.Equal(tok.Decode(ids), sb.ToString());
            Assert.Equal(s, dec.Text);
        }
    }

    [Fact]
    public void Holds_back_a_split_character_and_checks_stop_strings()
    {
        var tok = BpeTokenizerTests.Tok;
        // "😀" is four bytes; fed as single byte tokens nothing appears until the last one.
        byte[] bytes = Encoding.UTF8.GetBytes("😀");
        int[] byteIds = bytes.Select(b => Enumerable.Range(0, tok.VocabSize).First(i => !tok.IsSpecial(i) && tok.TokenBytes(i).SequenceEqual(new[] { b }))).ToArray();
        var dec = new StreamingDecoder(tok);
        Assert.Equal("", dec.Append(byteIds[0]));
        Assert.Equal("", dec.Append(byteIds[1]));
        Assert.Equal("", dec.Append(byteIds[2]));
        Assert.Equal("😀", dec.Append(byteIds[3]));
        foreach (int id in tok.Encode("\n#### 42"))
            dec.Append(id);
        Assert.True(dec.EndsWith("#### 42"));
        Assert.False(dec.EndsWith("#### 4"));

        var skip = new StreamingDecoder(tok, skipSpecial: true);
        Assert.Equal("", skip.Append(tok.EosId));
        dec.Reset();
        Assert.Equal(0, dec.Length);
        dec.Append(byteIds[0]);
        Assert.Equal("\uFFFD", dec.Flush());
    }

    [SkippableTheory]
    [InlineData("sp_tiny")]
    [InlineData("llama2")]
    [InlineData("llama3_1")]
    [InlineData("qwen3")]
    public void Sentencepiece_and_pretrained_streams_concatenate_to_the_full_decode(string name)
    {
        // SentencePiece's decoder drops the first token's leading space; the stream must not drop later ones.
        var tok = HuggingFacePretrainedTests.Build(name, patch: null);
        string[] texts = ["Hello world", " two  spaces", "caf\u00e9 \ud83d\ude00 \u4e2d\u6587\n\nx", "<s> a </s>", "\u2581\u2581x", "1 + 1 = 2"];
        foreach (string s in texts.Concat(BpeTokenizerTests.Samples))
        {
            int[] ids = tok.Encode(s, allowSpecial: true);
            foreach (bool skip in new[] { false, true })
            {
                var dec = new StreamingDecoder(tok, skipSpecial: skip);
                var sb = new StringBuilder();
                foreach (int id in ids)
                {
                    string piece = dec.Append(id);
                    Assert.DoesNotContain('\uFFFD', piece);
                    sb.Append(piece);
                }
                sb.Append(dec.Flush());
                Assert.Equal(tok.Decode(ids, skip), sb.ToString());
                Assert.Equal(sb.ToString(), dec.Text);
            }
        }
    }
}
