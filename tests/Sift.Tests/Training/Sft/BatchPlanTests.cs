using Sift.Data;
using Sift.Training.Sft;

namespace Sift.Tests.Training.Sft;

public sealed class BatchPlanTests
{
    private static int[] Lengths(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => rng.Next(5, 120)).ToArray();
    }

    [Fact]
    public void Every_example_appears_once_per_epoch_and_the_plan_is_a_function_of_seed_and_epoch()
    {
        var lengths = Lengths(203, 1);
        var plan = SftBatchPlan.ForEpoch(lengths, 16, 4, 9, 0);
        Assert.Equal(Enumerable.Range(0, 203), plan.SelectMany(b => b).Order());
        Assert.All(plan, b => Assert.InRange(b.Length, 1, 16));
        Assert.Equal(plan.Select(b => string.Join(",", b)), SftBatchPlan.ForEpoch(lengths, 16, 4, 9, 0).Select(b => string.Join(",", b)));
        Assert.NotEqual(plan.Select(b => string.Join(",", b)), SftBatchPlan.ForEpoch(lengths, 16, 4, 9, 1).Select(b => string.Join(",", b)));
        Assert.NotEqual(plan.Select(b => string.Join(",", b)), SftBatchPlan.ForEpoch(lengths, 16, 4, 10, 0).Select(b => string.Join(",", b)));
    }

    [Fact]
    public void Bucketing_reduces_padding()
    {
        var lengths = Lengths(512, 2);
        static long Padded(IReadOnlyList<int[]> plan, int[] lengths) => plan.Sum(b => (long)b.Length * b.Max(i => lengths[i]));
        long bucketed = Padded(SftBatchPlan.ForEpoch(lengths, 16, 8, 3, 0), lengths);
        long plain = Padded(SftBatchPlan.ForEpoch(lengths, 16, 1, 3, 0), lengths);
        Assert.True(bucketed < plain * 0.8, $"bucketed {bucketed} vs plain {plain}");
    }

    [Fact]
    public void Filler_pads_right_with_zero_weight()
    {
        var tok = SftTestData.Tokenizer;
        var builder = new SftExampleBuilder(tok, PromptTemplate.Plain, 200);
        var a = builder.Build("Q one?", "1+1=<<1+1=2>>2\n#### 2")!;
        var b = builder.Build("A longer question two, with more words in it?", "2*3=<<2*3=6>>6\n6+1=<<6+1=7>>7\n#### 7")!;
        var filler = new SftBatchFiller(2, 200, tok.PadId);
        var mb = filler.Fill([a, b], [0, 1]);
        Assert.Equal(Math.Max(a.InputLength, b.InputLength), mb.Seq);
        for (int r = 0; r < 2; r++)
        {
            var e = r == 0 ? a : b;
            for (int t = 0; t < mb.Seq; t++)
            {
                int i = r * mb.Seq + t;
                if (t < e.InputLength)
                {
                    Assert.Equal(e.Tokens[t], mb.Tokens[i]);
                    Assert.Equal(e.Tokens[t + 1], mb.Targets[i]);
                    Assert.Equal(e.WeightAt(t), mb.Weights[i]);
                }
                else
                {
                    Assert.Equal(tok.PadId, mb.Tokens[i]);
                    Assert.Equal(0f, mb.Weights[i]);
                }
            }
        }
    }
}
