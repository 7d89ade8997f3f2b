using Sift.Methods.Rft;
using Sift.Tests.Data;

namespace Sift.Tests.Methods.Rft;

public sealed class DistinctPathSelectorTests
{
    [Fact]
    public void Path_key_is_the_ordered_equations_without_spaces_joined_by_bars()
    {
        Assert.Equal("3*4=12|12+1=13", ReasoningPathKey.Of("She has 3 * 4 = <<3 * 4=12>>12.\nThen <<12+1 = 13>>13\n#### 13"));
        Assert.Equal("", ReasoningPathKey.Of("no annotations #### 4"));
        // Edge cases scanned as Sift.Grading.CalculatorAnnotations does: nested "<<" and '='-less annotations are skipped.
        Assert.Equal("", ReasoningPathKey.Of("<<a<<2+2=4>>"));
        Assert.Equal("5>3=1|1+1=2", ReasoningPathKey.Of("<<5>3=1>> <<note>> <<1+1=2>>"));
        Assert.Equal("", ReasoningPathKey.Of("<<1+1=2"));
        Assert.Equal(["3 * 4=12"], ReasoningPathKey.Equations("<<3 * 4=12>>"));
        Assert.NotEqual(ReasoningPathKey.Of("<<2+3=5>>"), ReasoningPathKey.Of("<<3+2=5>>")); // order inside an equation matters
    }

    [Fact]
    public void New_keys_are_kept_in_order_and_a_farther_duplicate_replaces_the_kept_one()
    {
        const string a = "<<2+3=5>>";           // key 2+3=5
        const string b = "<<3+2=5>>";           // key 3+2=5; edit distance to a: 2
        const string farther = "<<2+3=5>>zzzz"; // key 2+3=5; distance to b: 6 > 2, replaces a
        const string tie = "<<2+3=5>>yyyy";     // distance to b: 6 = 6, the kept one stays
        const string nearer = "<<2 + 3=5>>";    // same key once spaces go; distance to b: 4 < 6
        Assert.Equal((2, 6, 6, 4), (EditDistance.Levenshtein(a, b), EditDistance.Levenshtein(farther, b),
            EditDistance.Levenshtein(tie, b), EditDistance.Levenshtein(nearer, b)));
        Assert.Equal([farther, b], DistinctPathSelector.SelectForProblem([a, b, farther, tie, nearer]));
    }

    [Fact]
    public void With_a_single_kept_path_a_duplicate_never_replaces_it()
    {
        // No other kept paths: both scores are 0, and only a strictly larger score replaces.
        Assert.Equal(["<<2+3=5>>"], DistinctPathSelector.SelectForProblem(["<<2+3=5>>", "<<2+3=5>> a much longer text"]));
    }

    [Fact]
    public void Distance_is_summed_over_the_other_kept_paths()
    {
        const string kept = "<<7=7>>aaaaabbbbb";
        const string b = "<<9=9>>aaaaaaaaaa";
        const string c = "<<8=8>>bbbbbbbbbb";
        const string candidate = "<<7=7>>bbbbbbbbbbb";
        Assert.Equal((7, 7), (EditDistance.Levenshtein(kept, b), EditDistance.Levenshtein(kept, c)));
        Assert.Equal((13, 3), (EditDistance.Levenshtein(candidate, b), EditDistance.Levenshtein(candidate, c)));
        // Sum 16 > 14 replaces, although the candidate is nearer to c than the kept path is to anything.
        Assert.Equal([candidate, b, c], DistinctPathSelector.SelectForProblem([kept, b, c, candidate]));
    }

    [Fact]
    public void Samples_with_a_wrong_annotation_are_dropped_and_incorrect_samples_ignored()
    {
        static bool AnnotationsValid(string s) => ArithmeticChecker.Annotations(s).All(a => ArithmeticChecker.Evaluate(a.Expression) == (a.Result, 1));
        var samples = new[]
        {
            new PathSample("p1", "<<2+2=5>>5\n#### 5"),
            new PathSample("p1", "<<2+3=5>>5\n#### 5"),
            new PathSample("p2", "<<1+1=2>>2\n#### 2", Correct: false),
            new PathSample("p1", "<<3+2=5>>5\n#### 5"),
        };
        var set = DistinctPathSelector.Select(samples, AnnotationsValid);
        Assert.Equal(["p1", "p2"], set.Problems.Select(p => p.ProblemId));
        Assert.Equal(["<<2+3=5>>5\n#### 5", "<<3+2=5>>5\n#### 5"], set.Problems[0].Paths);
        Assert.Empty(set.Problems[1].Paths);
        Assert.Equal((3, 1, 2), (set.CorrectSamples, set.RejectedByAnnotations, set.TotalPaths));
    }

    [Fact]
    public void Union_pools_sample_sets_in_order_before_deduplication()
    {
        var modelA = new[] { new PathSample("p1", "<<2+3=5>>"), new PathSample("p1", "<<2+3=5>> again") };
        var modelB = new[] { new PathSample("p1", "<<3+2=5>>"), new PathSample("p2", "<<4*2=8>>"), new PathSample("p1", "<<2+3=5>>zzzz") };
        var union = DistinctPathSelector.SelectUnion([modelA, modelB]);
        Assert.Equal(DistinctPathSelector.Select(modelA.Concat(modelB)), union, new SetComparer());
        // Model B's "zzzz" sample collides with model A's path and is farther from "<<3+2=5>>": it replaces it.
        Assert.Equal(["<<2+3=5>>zzzz", "<<3+2=5>>"], union.Problems[0].Paths);
        Assert.Equal(["<<4*2=8>>"], union.Problems[1].Paths);
        Assert.Equal((1, 3, 3), (DistinctPathSelector.Select(modelA).TotalPaths, DistinctPathSelector.Select(modelB).TotalPaths, union.TotalPaths));
        var modelC = new[] { new PathSample("p1", "<<5=5>>"), new PathSample("p3", "<<1=1>>") };
        var pooled = DistinctPathSelector.SelectUnion([modelA, modelC]);
        Assert.Equal(["p1", "p3"], pooled.Problems.Select(p => p.ProblemId));
        Assert.True(pooled.TotalPaths > DistinctPathSelector.Select(modelA).TotalPaths && pooled.TotalPaths > DistinctPathSelector.Select(modelC).TotalPaths);
    }

    [Fact]
    public void Statistics_report_coverage_histogram_and_growth_with_k()
    {
        var samples = new[]
        {
            new PathSample("p1", "<<1+2=3>>"), new PathSample("p2", "x", Correct: false),
            new PathSample("p1", "<<2+1=3>>"), new PathSample("p2", "<<5-1=4>>"),
            new PathSample("p1", "<<1+2=3>> same key"), new PathSample("p2", "<<5-1=4>> same"),
        };
        var stats = ReasoningPathStatistics.Of(DistinctPathSelector.Select(samples), problemCount: 3);
        Assert.Equal((3, 2, 3), (stats.ProblemCount, stats.ProblemsCovered, stats.TotalPaths));
        Assert.Equal(1.0, stats.MeanPathsPerProblem, 12);
        Assert.Equal(1.5, stats.MeanPathsPerCoveredProblem, 12);
        Assert.Equal([new(0, 1), new(1, 1), new KeyValuePair<int, int>(2, 1)], stats.PathHistogram);
        var growth = ReasoningPathStatistics.GrowthWithK(samples, [1, 2, 3], problemCount: 3);
        Assert.Equal([1, 3, 3], growth.Select(g => g.Statistics.TotalPaths));
        Assert.Equal([1, 2, 2], growth.Select(g => g.Statistics.ProblemsCovered));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReasoningPathStatistics.Of(DistinctPathSelector.Select(samples), 1));
    }

    private sealed class SetComparer : IEqualityComparer<DistinctPathSet>
    {
        public bool Equals(DistinctPathSet? x, DistinctPathSet? y)
            => x is not null && y is not null
               && x.Problems.Select(p => p.ProblemId + "\u0000" + string.Join("\u0001", p.Paths)).SequenceEqual(
                   y.Problems.Select(p => p.ProblemId + "\u0000" + string.Join("\u0001", p.Paths)))
               && (x.CorrectSamples, x.RejectedByAnnotations) == (y.CorrectSamples, y.RejectedByAnnotations);

        public int GetHashCode(DistinctPathSet obj) => obj.TotalPaths;
    }
}
