using Sift.Data;
using Sift.Tests.Support;

namespace Sift.Tests.Data;

public sealed class SharedDataTests
{
    [SkippableFact]
    public void Reads_every_gsm8k_row_with_the_gsm8k_map()
    {
        var data = Requires.SharedData();
        var train = JsonlDataset.Read(Path.Combine(data, "gsm8k", "train.jsonl"), FieldMap.Gsm8k);
        var test = JsonlDataset.Read(Path.Combine(data, "gsm8k", "test.jsonl"), FieldMap.Gsm8k);
        Assert.Equal(7473, train.Problems.Count);
        Assert.Equal(1319, test.Problems.Count);
        Assert.All(train.Problems.Concat(test.Problems), p =>
            Assert.True(double.TryParse(p.Answer, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), p.Answer));
        Assert.Equal("18", test.Problems[0].Answer); // Janet's ducks
        Assert.Same(FieldMap.Gsm8k, FieldMap.DetectFile(Path.Combine(data, "gsm8k", "test.jsonl")));
    }

    [SkippableFact]
    public void Math500_answer_field_equals_the_last_boxed_content()
    {
        var data = Requires.SharedData();
        var problems = JsonlDataset.Read(Path.Combine(data, "math500", "test.jsonl"), FieldMap.Math).Problems;
        Assert.Equal(500, problems.Count);
        var mismatches = problems.Where(p => AnswerText.LastBoxed(p.Solution) != p.Answer).Select(p => p.Id).ToList();
        Assert.True(mismatches.Count == 0, "boxed != answer for: " + string.Join(", ", mismatches.Take(10)));
    }

    [SkippableFact]
    public void Reads_svamp_and_asdiv_with_detected_maps()
    {
        var data = Requires.SharedData();
        Assert.Equal(1000, JsonlDataset.Read(Path.Combine(data, "svamp", "test.jsonl")).Problems.Count);
        Assert.Equal(2215, JsonlDataset.Read(Path.Combine(data, "asdiv", "test.jsonl")).Problems.Count);
    }
}
