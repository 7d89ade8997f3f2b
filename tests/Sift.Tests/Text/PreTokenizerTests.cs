using System.Text.Json;
using Sift.Tests.IO;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class PreTokenizerTests
{
    private sealed record Case(string Text, string[] Pieces);

    [Fact]
    public void Matches_an_independent_unicode_regex_implementation()
    {
        // Fixture written by tests/reference/make_pretokenizer_fixture.js (JavaScript's /u regex engine
        // running the GPT-2 pattern after isolating numeric characters).
        string path = Path.Combine(IoTestPaths.RepoRoot(), "tests", "Sift.Tests", "Text", "Fixtures", "pretokenizer_cases.json");
        var cases = JsonSerializer.Deserialize<Case[]>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Equal(600, cases.Length);
        var tok = BpeTokenizerTests.Tok;
        foreach (var c in cases)
            Assert.Equal(c.Pieces, tok.PreTokenize(c.Text));
    }

    [Fact]
    public void Pieces_cover_the_text_exactly()
    {
        var tok = BpeTokenizerTests.Tok;
        foreach (string s in BpeTokenizerTests.Samples)
            Assert.Equal(s, string.Concat(tok.PreTokenize(s)));
    }
}
