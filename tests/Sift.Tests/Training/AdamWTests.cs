using Sift.Training;

namespace Sift.Tests.Training;

public sealed class AdamWTests
{
    private const float Padding = 123.25f;

    /// <summary>Lays the golden tensors out with 5-float gaps of padding, as an aligned block would.</summary>
    private static (List<ParameterSegment> Segments, int[] Sizes, int Length) Layout()
    {
        var tensors = OptimizerGolden.Root.GetProperty("adamw").GetProperty("tensors").EnumerateArray().ToArray();
        var segments = new List<ParameterSegment>();
        var sizes = new int[tensors.Length];
        int offset = 3;
        for (int t = 0; t < tensors.Length; t++)
        {
            sizes[t] = tensors[t].GetProperty("shape").EnumerateArray().Aggregate(1, (a, e) => a * e.GetInt32());
            segments.Add(new ParameterSegment(offset, sizes[t], tensors[t].GetProperty("decay").GetBoolean()));
            offset += sizes[t] + 5;
        }
        return (segments, sizes, offset);
    }

    private static float[] Scatter(float[] packed, List<ParameterSegment> segments, int length, float padding)
    {
        var block = new float[length];
        Array.Fill(block, padding);
        int k = 0;
        foreach (var s in segments)
        {
            packed.AsSpan(k, s.Length).CopyTo(block.AsSpan(s.Offset));
            k += s.Length;
        }
        return block;
    }

    private static float[] Gather(float[] block, List<ParameterSegment> segments) =>
        segments.SelectMany(s => block.Skip(s.Offset).Take(s.Length)).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_torch_optim_AdamW_step_by_step_and_leaves_padding_alone(bool naive)
    {
        var golden = OptimizerGolden.Root.GetProperty("adamw");
        var (segments, _, length) = Layout();
        var opt = new AdamW(new AdamWOptions
        {
            Beta1 = golden.GetProperty("beta1").GetDouble(),
            Beta2 = golden.GetProperty("beta2").GetDouble(),
            Epsilon = golden.GetProperty("eps").GetDouble(),
            WeightDecay = golden.GetProperty("weight_decay").GetDouble(),
        }, segments);
        var p = Scatter(OptimizerGolden.Floats(golden.GetProperty("initial")), segments, length, Padding);
        var m = new float[length];
        var v = new float[length];
        int step = 0;
        foreach (var s in golden.GetProperty("steps").EnumerateArray())
        {
            var g = Scatter(OptimizerGolden.Floats(s.GetProperty("grads")), segments, length, float.NaN);
            double lr = s.GetProperty("lr").GetDouble();
            if (naive) opt.UpdateNaive(p, g, m, v, lr);
            else opt.Update(p, g, m, v, lr);
            step++;
            Assert.Equal(step, opt.StepCount);
            OptimizerGolden.AssertClose($"params after step {step}", OptimizerGolden.Floats(s.GetProperty("params_after")), Gather(p, segments), 2e-6, 1e-7);
        }
        OptimizerGolden.AssertClose("m", OptimizerGolden.Floats(golden.GetProperty("final_m")), Gather(m, segments), 2e-6, 1e-9);
        OptimizerGolden.AssertClose("v", OptimizerGolden.Floats(golden.GetProperty("final_v")), Gather(v, segments), 2e-6, 1e-12);
        var used = new bool[length];
        foreach (var s in segments) used.AsSpan(s.Offset, s.Length).Fill(true);
        for (int i = 0; i < length; i++)
        {
            if (!used[i])
            {
                Assert.Equal(Padding, p[i]);
                Assert.Equal(0f, m[i]);
                Assert.Equal(0f, v[i]);
            }
        }
    }

    [Fact]
    public void Vectorised_parallel_update_gives_the_same_bytes_as_the_naive_twin()
    {
        // Large enough to take the parallel path, with odd lengths to exercise the scalar tails.
        var segments = new List<ParameterSegment> { new(0, 200_003, true), new(200_010, 17, false), new(200_032, 99_999, true), new(300_040, 70_001, false) };
        int length = 370_041 + 7;
        var rng = new Random(3);
        float[] Rand(double scale) => Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * scale)).ToArray();
        var p1 = Rand(2);
        var p2 = (float[])p1.Clone();
        float[] m1 = new float[length], v1 = new float[length], m2 = new float[length], v2 = new float[length];
        var fast = new AdamW(new AdamWOptions(), segments);
        var slow = new AdamW(new AdamWOptions(), segments);
        for (int step = 0; step < 3; step++)
        {
            var g = Rand(0.2);
            fast.Update(p1, g, m1, v1, 1e-3 * (step + 1));
            slow.UpdateNaive(p2, g, m2, v2, 1e-3 * (step + 1));
        }
        Assert.Equal(p2, p1);
        Assert.Equal(m2, m1);
        Assert.Equal(v2, v1);
    }

    [Fact]
    public void Resuming_with_a_restored_step_count_continues_the_same_trajectory()
    {
        var segments = new List<ParameterSegment> { new(0, 50, true), new(50, 10, false) };
        var rng = new Random(5);
        var grads = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 60).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray()).ToArray();
        float[] p = Enumerable.Range(0, 60).Select(i => i * 0.01f).ToArray(), m = new float[60], v = new float[60];
        var whole = new AdamW(new AdamWOptions(), segments);
        foreach (var g in grads) whole.Update(p, g, m, v, 1e-2);

        float[] q = Enumerable.Range(0, 60).Select(i => i * 0.01f).ToArray(), qm = new float[60], qv = new float[60];
        var first = new AdamW(new AdamWOptions(), segments);
        first.Update(q, grads[0], qm, qv, 1e-2);
        first.Update(q, grads[1], qm, qv, 1e-2);
        var resumed = new AdamW(new AdamWOptions(), segments) { StepCount = first.StepCount };
        resumed.Update(q, grads[2], qm, qv, 1e-2);
        resumed.Update(q, grads[3], qm, qv, 1e-2);
        Assert.Equal(p, q);
    }

    [Fact]
    public void A_serial_step_allocates_nothing()
    {
        var segments = new List<ParameterSegment> { new(0, 1000, true), new(1000, 24, false) };
        float[] p = new float[1024], g = new float[1024], m = new float[1024], v = new float[1024];
        Array.Fill(g, 0.5f);
        var opt = new AdamW(new AdamWOptions(), segments);
        opt.Update(p, g, m, v, 1e-3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) opt.Update(p, g, m, v, 1e-3);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Bad_segments_and_short_blocks_are_rejected_with_a_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new AdamW(new AdamWOptions(), [new(0, 10, true), new(5, 10, false)]));
        Assert.Contains("overlaps", e.Message);
        var opt = new AdamW(new AdamWOptions(), [new(0, 10, true)]);
        var e2 = Assert.Throws<ArgumentException>(() => opt.Update(new float[9], new float[10], new float[10], new float[10], 1e-3));
        Assert.Contains("10", e2.Message);
        Assert.Throws<ArgumentException>(() => new AdamW(new AdamWOptions { Beta2 = 1.0 }, [new(0, 1, true)]));
    }
}
