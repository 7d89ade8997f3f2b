using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>GSM8K calculator annotations: parsing, exact checking, path keys.</summary>
public sealed class CalculatorAnnotationTests
{
    [Fact]
    public void Parses_each_annotation_with_its_position()
    {
        const string s = "Half is 48/2 = <<48/2=24>>24 clips.\nTotal 48+24 = <<48+24=72>>72.";
        var anns = CalculatorAnnotations.Parse(s);
        Assert.Equal(2, anns.Count);
        Assert.Equal("48/2", anns[0].Expression);
        Assert.Equal("24", anns[0].StatedResult);
        Assert.Equal(s.IndexOf("<<", StringComparison.Ordinal), anns[0].Start);
        Assert.Equal("48+24=72", anns[1].Raw);
    }

    public static TheoryData<string, bool> Single => new()
    {
        { "<<48/2=24>>", true }, { "<<48/2=25>>", false },
        { "<<16-3-4=9>>", true }, { "<<9*2=18>>", true }, { "<<9*2=19>>", false },
        { "<<80000*1.5=120000>>", true }, { "<<0.5*10=5>>", true },
        { "<<10/3=3.33>>", true }, { "<<10/3=3.34>>", false }, { "<<2/3=0.67>>", true },
        { "<<7/2=3>>", false }, { "<<2^3=8>>", true }, { "<<(3+4)*2=14>>", true },
        { "<<20*10%=2>>", true }, { "<<71+-3=68>>", true }, { "<<560//10=56>>", true },
        { "<<1,000+1=1,001>>", true }, { "<<3x4=12>>", true },
    };

    [Theory, MemberData(nameof(Single))]
    public void Checks_annotations_exactly(string annotation, bool correct)
    {
        var check = CalculatorAnnotations.Check("text " + annotation + " more");
        Assert.Single(check.Annotations);
        Assert.Equal(correct, check.AllCorrect);
        Assert.Equal(correct ? 0 : 1, check.WrongIndices.Count);
    }

    [Fact]
    public void Reports_which_annotations_are_wrong()
    {
        var check = CalculatorAnnotations.Check("a <<2+2=4>> b <<3*3=10>> c <<5-1=4>> d <<6/4=2>>");
        Assert.False(check.AllCorrect);
        Assert.Equal([1, 3], check.WrongIndices);
        Assert.Equal("3*3=10", check.Wrong.First().Raw);
    }

    [Fact]
    public void Unreadable_annotations_are_reported_not_thrown()
    {
        var check = CalculatorAnnotations.Check("<<import os=0>> <<=5>> <<1/0=1>>");
        Assert.False(check.AllCorrect);
        Assert.Empty(check.WrongIndices);
        Assert.Equal(3, check.UnparseableIndices.Count);
    }

    [Fact]
    public void Path_key_joins_equations_without_spaces()
    {
        Assert.Equal("48/2=24|48+24=72", CalculatorAnnotations.PathKey("x <<48 / 2 = 24>>24 y <<48+24=72>>72"));
        Assert.Equal("", CalculatorAnnotations.PathKey("no annotations"));
        Assert.NotEqual(CalculatorAnnotations.PathKey("<<2*3=6>><<6+1=7>>"), CalculatorAnnotations.PathKey("<<6+1=7>><<2*3=6>>"));
    }
}
