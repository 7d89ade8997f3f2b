using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Training;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", 2019) with the exact
/// update order of PyTorch's <c>torch.optim.AdamW</c> (single-tensor path):
/// <code>
/// p ← p·(1 − lr·wd)                      (decay segments only)
/// m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
/// p ← p − (lr / (1−β1ᵗ)) · m / (sqrt(v) / sqrt(1−β2ᵗ) + eps)
/// </code>
/// It works on flat float blocks allocated by the caller (parameters, gradients and the two moments
/// share one layout) described by a list of <see cref="ParameterSegment"/>s; elements outside every
/// segment (alignment padding) are never touched. The step allocates nothing on the managed heap
/// when it runs serially and only the thread pool's bookkeeping when it runs in parallel; each
/// element is updated independently, so results are the same bytes for any thread count.
/// Not thread-safe: one <see cref="Update"/> at a time per instance.
/// </summary>
public sealed unsafe class AdamW
{
    /// <summary>Elements per parallel work item: large enough to amortise scheduling, small enough to balance 2–16 cores.</summary>
    internal const int ChunkElements = 1 << 15;

    /// <summary>Below this many elements in total the step runs on the calling thread.</summary>
    internal const int ParallelThreshold = 1 << 17;

    private readonly ParameterSegment[] _segments;
    private readonly ParameterSegment[] _chunks;
    private readonly Action<int> _chunkBody;
    private float* _p, _g, _m, _v;
    private StepScalars _scalars;

    public AdamW(AdamWOptions options, IReadOnlyList<ParameterSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(segments);
        options.Validate();
        Options = options;
        _segments = [.. segments];
        var sorted = _segments.OrderBy(s => s.Offset).ToArray();
        long end = 0;
        foreach (var s in sorted)
        {
            if (s.Offset < 0 || s.Length < 0) throw new ArgumentException($"AdamW segment ({s.Offset}, {s.Length}) has a negative offset or length", nameof(segments));
            if (s.Offset < end) throw new ArgumentException($"AdamW segment at offset {s.Offset} overlaps the previous one (which ends at {end})", nameof(segments));
            end = (long)s.Offset + s.Length;
        }
        RequiredLength = (int)end;
        TotalElements = _segments.Sum(s => (long)s.Length);
        var chunks = new List<ParameterSegment>();
        foreach (var s in sorted)
        {
            for (int o = 0; o < s.Length; o += ChunkElements)
            {
                chunks.Add(new ParameterSegment(s.Offset + o, Math.Min(ChunkElements, s.Length - o), s.Decay));
            }
        }
        _chunks = [.. chunks];
        _chunkBody = RunChunk;
    }

    public AdamWOptions Options { get; }

    public IReadOnlyList<ParameterSegment> Segments => _segments;

    /// <summary>The smallest block length that holds every segment.</summary>
    public int RequiredLength { get; }

    public long TotalElements { get; }

    /// <summary>Steps taken so far (PyTorch's <c>state['step']</c>); set it when resuming from a checkpoint.</summary>
    public long StepCount { get; set; }

    /// <summary>
    /// Takes one step at <paramref name="learningRate"/>: increments <see cref="StepCount"/>, then
    /// updates <paramref name="parameters"/>, <paramref name="firstMoment"/> and
    /// <paramref name="secondMoment"/> in place from <paramref name="gradients"/>.
    /// </summary>
    /// <param name="parameters">[RequiredLength or more] flat parameter block.</param>
    /// <param name="gradients">[same] gradients (already averaged and clipped).</param>
    /// <param name="firstMoment">[same] m, zero before the first step.</param>
    /// <param name="secondMoment">[same] v, zero before the first step.</param>
    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment, double learningRate)
    {
        CheckLengths(parameters.Length, gradients.Length, firstMoment.Length, secondMoment.Length);
        StepCount++;
        _scalars = StepScalars.For(Options, learningRate, StepCount);
        fixed (float* p = parameters)
        fixed (float* g = gradients)
        fixed (float* m = firstMoment)
        fixed (float* v = secondMoment)
        {
            _p = p; _g = g; _m = m; _v = v;
            try
            {
                if (TotalElements >= ParallelThreshold && Environment.ProcessorCount > 1)
                {
                    Parallel.For(0, _chunks.Length, _chunkBody);
                }
                else
                {
                    for (int i = 0; i < _chunks.Length; i++) RunChunk(i);
                }
            }
            finally
            {
                _p = _g = _m = _v = null;
            }
        }
    }

    /// <summary>
    /// The naive twin of <see cref="Update"/>: one element at a time, serial. Same operations in the
    /// same order (no fused multiply-add), so it gives the same bytes; tests compare the two.
    /// </summary>
    public void UpdateNaive(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment, double learningRate)
    {
        CheckLengths(parameters.Length, gradients.Length, firstMoment.Length, secondMoment.Length);
        StepCount++;
        var s = StepScalars.For(Options, learningRate, StepCount);
        foreach (var seg in _segments)
        {
            for (int i = seg.Offset; i < seg.Offset + seg.Length; i++)
            {
                float p = parameters[i], g = gradients[i];
                if (seg.Decay) p *= s.DecayFactor;
                float m = firstMoment[i] * s.Beta1 + g * s.OneMinusBeta1;
                float v = secondMoment[i] * s.Beta2 + g * g * s.OneMinusBeta2;
                float denom = MathF.Sqrt(v) / s.BiasCorrection2Sqrt + s.Epsilon;
                firstMoment[i] = m;
                secondMoment[i] = v;
                parameters[i] = p + s.NegativeStepSize * (m / denom);
            }
        }
    }

    private void CheckLengths(int p, int g, int m, int v)
    {
        if (p < RequiredLength || g < RequiredLength || m < RequiredLength || v < RequiredLength)
        {
            throw new ArgumentException($"AdamW blocks must hold {RequiredLength} floats; got parameters {p}, gradients {g}, m {m}, v {v}");
        }
    }

    private void RunChunk(int index)
    {
        var c = _chunks[index];
        UpdateRange(_p + c.Offset, _g + c.Offset, _m + c.Offset, _v + c.Offset, c.Length, c.Decay, in _scalars);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateRange(float* p, float* g, float* m, float* v, int n, bool decay, in StepScalars s)
    {
        int i = 0;
        // Vector512 has the same lane-wise semantics whether or not the hardware accelerates it
        // (it falls back to two Vector256 halves), so every machine produces the same bytes.
        var decayFactor = Vector512.Create(decay ? s.DecayFactor : 1f);
        var b1 = Vector512.Create(s.Beta1);
        var omb1 = Vector512.Create(s.OneMinusBeta1);
        var b2 = Vector512.Create(s.Beta2);
        var omb2 = Vector512.Create(s.OneMinusBeta2);
        var bc2 = Vector512.Create(s.BiasCorrection2Sqrt);
        var eps = Vector512.Create(s.Epsilon);
        var nstep = Vector512.Create(s.NegativeStepSize);
        for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            var gi = Vector512.Load(g + i);
            var pi = Vector512.Load(p + i);
            if (decay) pi *= decayFactor;
            var mi = Vector512.Load(m + i) * b1 + gi * omb1;
            var vi = Vector512.Load(v + i) * b2 + gi * gi * omb2;
            var denom = Vector512.Sqrt(vi) / bc2 + eps;
            mi.Store(m + i);
            vi.Store(v + i);
            (pi + nstep * (mi / denom)).Store(p + i);
        }
        for (; i < n; i++)
        {
            float pi = p[i], gi = g[i];
            if (decay) pi *= s.DecayFactor;
            float mi = m[i] * s.Beta1 + gi * s.OneMinusBeta1;
            float vi = v[i] * s.Beta2 + gi * gi * s.OneMinusBeta2;
            float denom = MathF.Sqrt(vi) / s.BiasCorrection2Sqrt + s.Epsilon;
            m[i] = mi;
            v[i] = vi;
            p[i] = pi + s.NegativeStepSize * (mi / denom);
        }
    }

    /// <summary>Per-step scalars, computed in double as PyTorch does in Python and rounded once to float.</summary>
    private readonly record struct StepScalars(
        float DecayFactor, float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2,
        float BiasCorrection2Sqrt, float Epsilon, float NegativeStepSize)
    {
        public static StepScalars For(AdamWOptions o, double lr, long step)
        {
            double bc1 = 1 - Math.Pow(o.Beta1, step);
            double bc2 = 1 - Math.Pow(o.Beta2, step);
            return new StepScalars(
                (float)(1 - lr * o.WeightDecay), (float)o.Beta1, (float)(1 - o.Beta1), (float)o.Beta2, (float)(1 - o.Beta2),
                (float)Math.Sqrt(bc2), (float)o.Epsilon, (float)(-lr / bc1));
        }
    }
}
