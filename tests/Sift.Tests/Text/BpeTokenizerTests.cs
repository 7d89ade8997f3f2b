using System.Text;
using FsCheck.Fluent;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class BpeTokenizerTests
{
    private static readonly Lazy<BpeTokenizer> Trained = new(() => BpeTrainer.Train(TextCorpus.Sample(), 400));

    internal static BpeTokenizer Tok => Trained.Value;

    public static readonly string[] Samples =
    [
        "",
        " ",
        "Hello, world!",
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.",
        "  leading and trailing spaces   ",
        "tabs\tand\nnewlines\r\n\n\n and  runs     of    spaces",
        "emoji 😀👍🏽 family 👨‍👩‍👧 flags 🇫🇷",
        "中文测试，日本語のテキスト、한국어 텍스트",
        "math: 3.14159 × 2² = ½ · √(x) ≤ ∞ and 𝑥 + 𝑦",
        "mixed١٢٣ Arabic-Indic digits and ⅫⅣ roman numerals",
        "It's they're we've I'm you'll he'd 'quoted' '''",
        "<|eos|> is literal text unless allowed",
        "zero\u0000width\u200bjoiner\u200d and nbsp\u00a0here\u3000ideographic space",
        "e\u0301 combining accent, Ω, ß, İ",
        new string('a', 500) + " " + new string(' ', 300) + "b",
        "#### 72\n\nThe answer is $\\boxed{18}$.",
    ];

    [Fact]
    public void Round_trips_every_sample()
    {
        foreach (string s in Samples)
            Assert.Equal(s, Tok.Decode(Tok.Encode(s)));
    }

    [Fact]
    public void Round_trips_random_unicode_strings()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 400; trial++)
        {
            var sb = new StringBuilder();
            int n = rng.Next(0, 40);
            for (int i = 0; i < n; i++)
            {
                int kind = rng.Next(6);
                int cp = kind switch
                {
                    0 => rng.Next(0x20, 0x7F),
                    1 => rng.Next(0, 0x20),
                    2 => rng.Next(0x80, 0x800),
                    3 => rng.Next(0x800, 0xD800),
                    4 => rng.Next(0xE000, 0x10000),
                    _ => rng.Next(0x10000, 0x110000),
                };
                sb.Append(char.ConvertFromUtf32(cp));
            }
            string s = sb.ToString();
            Assert.Equal(s, Tok.Decode(Tok.Encode(s)));
        }
    }

    [Fact]
    public void Round_trip_property_holds_for_arbitrary_strings()
    {
        // FsCheck strings may hold lone surrogates, which UTF-8 cannot carry: they come back as U+FFFD,
        // exactly as Encoding.UTF8 would write them; every valid string comes back unchanged.
        var property = Prop.ForAll<string>(s =>
        {
            s ??= "";
            string expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
            int[] ids = Tok.Encode(s);
            int digits = s.Count(char.IsAsciiDigit);
            return Tok.Decode(ids) == expected && ids.Length >= digits && Tok.Encode(s, allowSpecial: true).Length <= ids.Length;
        });
        FsCheck.Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void Encoding_is_thread_safe()
    {
        string[] docs = TextCorpus.Sample(400, seed: 21).ToArray();
        var fresh = BpeTokenizer.FromJson(Tok.ToJson());
        int[][] expected = docs.Select(d => Tok.Encode(d)).ToArray();
        var results = new int[docs.Length][];
        Parallel.For(0, docs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i % docs.Length] = fresh.Encode(docs[i % docs.Length]));
        for (int i = 0; i < docs.Length; i++)
            Assert.Equal(expected[i], results[i]);
    }

    [Fact]
    public void Every_digit_is_its_own_token()
    {
        int[] ids = Tok.Encode("12345");
        Assert.Equal(5, ids.Length);
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, ids.Select(i => Tok.Decode([i])));

        foreach (string s in new[] { "x=2024;", " 99 bottles", "48/2 = 24", "3.5e10", "a1b2c3", "١٢٣", "²³" })
        {
            int[] e = Tok.Encode(s);
            foreach (int id in e)
            {
                string piece = Tok.Decode([id]);
                var runes = piece.EnumerateRunes().ToList();
                if (runes.Any(r => Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.OtherNumber))
                    Assert.True(runes.Count == 1, $"'{s}': token '{piece}' mixes a digit with something else");
            }
        }
        // Every digit stays single even though the corpus is full of numbers.
        var rng = new Random(5);
        for (int i = 0; i < 50; i++)
        {
            string num = rng.NextInt64(0, long.MaxValue).ToString();
            Assert.Equal(num.Length, Tok.Encode(num).Length);
        }
    }

    [Fact]
    public void Special_tokens_only_when_allowed()
    {
        var tok = Tok;
        Assert.Equal(SpecialTokens.Bos, tok.IdToToken(tok.BosId));
        Assert.Equal(SpecialTokens.Eos, tok.IdToToken(tok.EosId));
        Assert.Equal(SpecialTokens.Pad, tok.IdToToken(tok.PadId));
        Assert.True(tok.IsSpecial(tok.EosId));
        Assert.False(tok.IsSpecial(0));
        Assert.Equal(400, tok.VocabSize);

        string text = "<|bos|>Question?<|eos|><|pad|>";
        int[] plain = tok.Encode(text);
        Assert.DoesNotContain(tok.EosId, plain);
        Assert.DoesNotContain(tok.BosId, plain);
        Assert.Equal(text, tok.Decode(plain));

        int[] special = tok.Encode(text, allowSpecial: true);
        Assert.Equal(tok.BosId, special[0]);
        Assert.Equal(tok.PadId, special[^1]);
        Assert.Equal(tok.EosId, special[^2]);
        Assert.Equal(tok.Encode("Question?"), special[1..^2]);
        Assert.Equal(text, tok.Decode(special));
        Assert.Equal("Question?", tok.Decode(special, skipSpecial: true));
    }

    [Fact]
    public void Pre_tokenizer_isolates_digits_then_applies_the_gpt2_regex()
    {
        Assert.Equal(new[] { "Hello", ",", " world", "!" }, Tok.PreTokenize("Hello, world!"));
        Assert.Equal(new[] { "x", " =", " ", "1", "2" }, Tok.PreTokenize("x = 12"));
        Assert.Equal(new[] { "a", "  ", "1" }, Tok.PreTokenize("a  1"));
        Assert.Equal(new[] { "It", "'s", " ok", "  ", " then", "\n", "\n", "end", "  " }, Tok.PreTokenize("It's ok   then\n\nend  "));
        Assert.Equal(new[] { "𝑥", " 𝑦" }, Tok.PreTokenize("𝑥 𝑦"));
        Assert.Equal(new[] { "½", " ", "²" }, Tok.PreTokenize("½ ²"));
    }

    [Fact]
    public void Span_encoder_appends_and_matches_the_array_encoder()
    {
        var list = new List<int> { -1 };
        Tok.Encode("the sum is 42".AsSpan(), list);
        Assert.Equal(-1, list[0]);
        Assert.Equal(Tok.Encode("the sum is 42"), list.Skip(1));
        Assert.Equal(Tok.Encode("the sum is 42").Length, Tok.CountTokens("the sum is 42"));
    }

    [Fact]
    public void Decode_rejects_ids_outside_the_vocabulary()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tok.Decode([Tok.VocabSize]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tok.Decode([-1]));
    }

    [Fact]
    public void Heap_and_scan_merges_agree()
    {
        var rng = new Random(3);
        var merges = Tok.Merges;
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 200);
            string text = new(Enumerable.Range(0, n).Select(_ => "aab ethn\n"[rng.Next(9)]).ToArray());
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            int[] a = bytes.Select(b => Tok.TokenToId(((char)(b == ' ' ? 'Ġ' : b == '\n' ? 'Ċ' : (char)b)).ToString())).ToArray();
            int[] b2 = (int[])a.Clone();
            int na = merges.ApplyScan(a, a.Length);
            int nb = merges.ApplyHeap(b2, b2.Length);
            Assert.Equal(a[..na], b2[..nb]);
        }
    }
}
