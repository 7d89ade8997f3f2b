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
}
