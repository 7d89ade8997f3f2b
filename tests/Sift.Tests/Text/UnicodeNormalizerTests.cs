using System.Text.Json.Nodes;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class UnicodeNormalizerTests
{
    [Fact]
    public void Matches_python_unicodedata_on_every_case()
    {
        // Written by tests/reference/make_unicode_normalization_data.py from Python's unicodedata.
        var root = JsonNode.Parse(File.ReadAllText(SharedTokenizers.Fixture("unicode_normalization_cases.json")))!;
        Assert.Equal(UnicodeNormalizationData.UnicodeVersion, (string)root["unicode_version"]!);
        var cases = root["cases"]!.AsArray();
        Assert.Equal(600, cases.Count);
        foreach (var c in cases)
        {
            string text = (string)c!["text"]!;
            Assert.Equal((string)c["nfc"]!, UnicodeNormalizer.Normalize(text, NormalizationForm.Nfc));
            Assert.Equal((string)c["nfd"]!, UnicodeNormalizer.Normalize(text, NormalizationForm.Nfd));
            Assert.Equal((string)c["nfkc"]!, UnicodeNormalizer.Normalize(text, NormalizationForm.Nfkc));
            Assert.Equal((string)c["nfkd"]!, UnicodeNormalizer.Normalize(text, NormalizationForm.Nfkd));
        }
    }

    [Fact]
    public void Works_without_icu()
    {
        // The reason the tables exist: under InvariantGlobalization string.Normalize cannot compose.
        Assert.Equal("\u00e9", UnicodeNormalizer.Normalize("e\u0301", NormalizationForm.Nfc));
        Assert.Equal("e\u0301", UnicodeNormalizer.Normalize("\u00e9", NormalizationForm.Nfd));
        Assert.Equal("\ud55c", UnicodeNormalizer.Normalize("\u1112\u1161\u11ab", NormalizationForm.Nfc));
        Assert.Equal("fi", UnicodeNormalizer.Normalize("\ufb01", NormalizationForm.Nfkc));
        Assert.Equal("plain ascii", UnicodeNormalizer.Normalize("plain ascii", NormalizationForm.Nfkd));
    }
}
