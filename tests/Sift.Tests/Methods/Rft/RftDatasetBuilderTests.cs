using Sift.Data;
using Sift.Eval;
using Sift.Methods.Rft;

namespace Sift.Tests.Methods.Rft;

public sealed class RftDatasetBuilderTests
{
    private static readonly MathProblem P1 = new("p1", "Ann has 2 bags of 3 apples and 4 pears. How many fruits?", "2*3=<<2*3=6>>6\n6+4=<<6+4=10>>10\n#### 10", "10", "test");
    private static readonly MathProblem P2 = new("p2", "Bob has 5 pens and buys 2 more. How many pens?", "5+2=<<5+2=7>>7\n#### 7", "7", "test");

    private static GradedSample S(string text, bool correct) => new(text, null, correct ? "equivalent" : "not_equivalent", correct, true, 10);

    private static GradedProblem Row(MathProblem p, params GradedSample[] samples) => new(p.Id, p.Question, p.Answer, "prompt", samples);

    [Fact]
    public void Keeps_correct_samples_with_right_annotations_as_distinct_paths_after_the_sft_data()
    {
        var samples = new[]
        {
            Row(P1,
                S("2*3=<<2*3=6>>6\n6+4=<<6+4=10>>10\n#### 10", true),            // the reference path: already in the SFT data
                S("4+2*3=<<4+2*3=10>>10\n#### 10", true),                         // a new path
                S("4+2*3=<<4+2*3=10>>10 fruits\n#### 10", true),                 // same key, farther (edit distance) from the other kept path: replaces it
                S("2*3=<<2*3=7>>7\n7+3=<<7+3=10>>10\n#### 10", true),            // right answer, wrong annotation: dropped
                S("2*3=<<2*3=6>>6\n6+5=<<6+5=11>>11\n#### 11", false)),           // wrong answer
            Row(P2, S("2+5=<<2+5=7>>7\n#### 7", true), S("5-2=<<5-2=3>>3\n#### 3", false)),
        };
        var data = RftDatasetBuilder.Build([P1, P2], [samples]);
        Assert.Equal(2, data.SftPairs);
        Assert.Equal((P1.Question, P1.Solution), data.Pairs[0]);
        Assert.Equal((P2.Question, P2.Solution), data.Pairs[1]);
        Assert.Equal(["4+2*3=<<4+2*3=10>>10 fruits\n#### 10"], data.Paths.Problems.Single(p => p.ProblemId == "p1").Paths);
        Assert.Equal(["2+5=<<2+5=7>>7\n#### 7"], data.Paths.Problems.Single(p => p.ProblemId == "p2").Paths);
        Assert.Equal(4, data.Pairs.Count);
        Assert.Equal(1, data.Statistics.RejectedByAnnotations);
        Assert.Equal(5, data.Statistics.CorrectSamples);
        Assert.Equal(2, data.Statistics.ProblemsCovered);
    }

    [Fact]
    public void Without_the_annotation_check_wrong_annotations_are_kept()
    {
        var samples = new[] { Row(P1, S("2*3=<<2*3=7>>7\n7+3=<<7+3=10>>10\n#### 10", true)) };
        Assert.Empty(RftDatasetBuilder.Build([P1], [samples]).Paths.Problems.Single().Paths);
        Assert.Single(RftDatasetBuilder.Build([P1], [samples], new RftOptions { CheckAnnotations = false }).Paths.Problems.Single().Paths);
    }

    [Fact]
    public void Union_pools_the_models_before_deduplication_and_grows_paths()
    {
        var a = new[] { Row(P1, S("4+2*3=<<4+2*3=10>>10\n#### 10", true), S("x", false)) };
        var b = new[] { Row(P1, S("4+2*3=<<4+2*3=10>>10\n#### 10", true), S("3*2=<<3*2=6>>6\n4+6=<<4+6=10>>10\n#### 10", true)) };
        var single = RftDatasetBuilder.Build([P1], [a]);
        var union = RftDatasetBuilder.Build([P1], [a, b]);
        Assert.Equal(1, single.Statistics.TotalPaths);
        Assert.Equal(2, union.Statistics.TotalPaths);
        Assert.Equal(2, union.SampleSets);
        Assert.Equal(1 + 2, union.Pairs.Count);
    }

    [Fact]
    public void Growth_with_k_counts_paths_coverage_and_pass_at_k_of_the_first_k_samples()
    {
        var rows = new[]
        {
            Row(P1, S("bad", false), S("4+2*3=<<4+2*3=10>>10\n#### 10", true), S("3*2=<<3*2=6>>6\n4+6=<<4+6=10>>10\n#### 10", true), S("bad", false)),
            Row(P2, S("2+5=<<2+5=7>>7\n#### 7", true), S("bad", false), S("bad", false), S("bad", false)),
        };
        var data = RftDatasetBuilder.Build([P1, P2], [rows]);
        Assert.Equal([1, 2, 4], data.Growth.Select(g => g.K));
        Assert.Equal([1, 2, 3], data.Growth.Select(g => g.Statistics.TotalPaths));
        Assert.Equal([1, 2, 2], data.Growth.Select(g => g.Statistics.ProblemsCovered));
        // Unbiased from all n = 4 samples: pass@1 = mean(c/n) = (2/4 + 1/4)/2; pass@2 = (1 - 1/6 + 1 - 3/6)/2; pass@4 = 1.
        Assert.Equal(0.375, data.Growth[0].PassAtK, 12);
        Assert.Equal((5 / 6.0 + 0.5) / 2, data.Growth[1].PassAtK, 12);
        Assert.Equal(1.0, data.Growth[2].PassAtK, 12);
    }

    [Fact]
    public void Samples_of_unknown_problems_are_an_error()
    {
        var other = new MathProblem("zz", "q", "s", "1", "t");
        var e = Assert.Throws<InvalidDataException>(() => RftDatasetBuilder.Build([P1], [[Row(other, S("1", true))]]));
        Assert.Contains("'zz'", e.Message);
    }
}
