using Sift.Methods.Rft;

namespace Sift.Tests.Methods.Rft;

public sealed class EditDistanceTests
{
    /// <summary>The textbook full-matrix recurrence.</summary>
    private static int Naive(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) { d[i, 0] = i; }
        for (var j = 0; j <= b.Length; j++) { d[0, j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }
        return d[a.Length, b.Length];
    }

    [Fact]
    public void Known_values()
    {
        Assert.Equal(3, EditDistance.Levenshtein("kitten", "sitting"));
        Assert.Equal(0, EditDistance.Levenshtein("", ""));
        Assert.Equal(4, EditDistance.Levenshtein("", "abcd"));
        Assert.Equal(4, EditDistance.Levenshtein("abcd", ""));
        Assert.Equal(2, EditDistance.Levenshtein("ab", "ba"));
    }

    [Fact]
    public void Matches_the_full_matrix_recurrence_and_is_symmetric()
    {
        var alphabet = "ab<>=1+ ";
        var rng = new Random(5);
        string Make() => new(Enumerable.Range(0, rng.Next(0, 14)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
        for (var trial = 0; trial < 500; trial++)
        {
            var a = Make();
            var b = Make();
            Assert.Equal(Naive(a, b), EditDistance.Levenshtein(a, b));
            Assert.Equal(EditDistance.Levenshtein(b, a), EditDistance.Levenshtein(a, b));
        }
    }
}
