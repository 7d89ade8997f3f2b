using Sift.Data;
using Xunit.Abstractions;

namespace Sift.Tests.Data;

public sealed class SharedDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_every_gsm8k_row_with_the_gsm8k_map()
    {
        if (SharedDataLocator.Find() is not { } data)
        {
            output.WriteLine("SKIPPED: ../shared/data not found (set SIFT_SHARED_DATA)");
            return;
        }
        var train = JsonlDataset.Read(Path.Combine(data, "gsm8k", "train.jsonl"), FieldMap.Gsm8k);
        var test = JsonlDataset.Read(Path.Combine(data, "gsm8k", "test.jsonl"), FieldMap.Gsm8k);
        Assert.Equal(7473, train.Problems.Count);
        Assert.Equal(1319, test.Problems.Count);
        Assert.All(train.Problems.Concat(test.Problems), p =>
            Assert.True(double.TryParse(p.Answer, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), p.Answer));
        Assert.Equal("18", test.Problems[0].Answer); // Janet's ducks
        Assert.Same(FieldMap.Gsm8k, FieldMap.DetectFile(Path.Combine(data, "gsm8k", "test.jsonl")));
    }

    [Fact]
    public void Math500_answer_field_equals_the_last_boxed_content()
    {
        if (SharedDataLocator.Find() is not { } data)
        {
            output.WriteLine("SKIPPED: ../shared/data not found (set SIFT_SHARED_DATA)");
            return;
        }
        var problems = JsonlDataset.Read(Path.Combine(data, "math500", "test.jsonl"), FieldMap.Math).Problems;
        Assert.Equal(500, problems.Count);
        var mismatches = problems.Where(p => AnswerText.LastBoxed(p.Solution) != p.Answer).Select(p => p.Id).ToList();
        Assert.True(mismatches.Count == 0, "boxed != answer for: " + string.Join(", ", mismatches.Take(10)));
    }

    [Fact]
    public void Reads_svamp_and_asdiv_with_detected_maps()
    {
        if (SharedDataLocator.Find() is not { } data)
        {
            output.WriteLine("SKIPPED: ../shared/data not found (set SIFT_SHARED_DATA)");
            return;
        }
        Assert.Equal(1000, JsonlDataset.Read(Path.Combine(data, "svamp", "test.jsonl")).Problems.Count);
        Assert.Equal(2215, JsonlDataset.Read(Path.Combine(data, "asdiv", "test.jsonl")).Problems.Count);
    }
}
