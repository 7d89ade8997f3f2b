using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>
/// Softmax cross-entropy with a per-token weight (0 on prompt and padding tokens):
/// loss = Σ_i w_i·(−log softmax(z_i)[y_i]) / denominator. The denominator is passed in so that
/// gradient accumulation normalises by the total weight of the whole step (docs/model-spec.md).
/// </summary>
public static unsafe class SoftmaxCrossEntropy
{
    /// <summary>Per-row losses only (no gradient).</summary>
    /// <param name="logits">[N, V] logits.</param>
    /// <param name="targets">[N] target ids.</param>
    /// <param name="rowLoss">[N] output: −log softmax(z_i)[y_i] (unweighted).</param>
    /// <param name="vocab">V.</param>
    public static void Forward(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, Span<float> rowLoss, int vocab)
    {
        int n = targets.Length;
        CheckTargets(targets, vocab);
        fixed (float* pz = logits, pl = rowLoss)
        fixed (int* pt = targets)
        {
            float* zp = pz, lp = pl;
            int* tp = pt;
            KernelParallel.For(n, 1, (s, e) =>
            {
                for (int i = s; i < e; i++)
                {
                    var z = new ReadOnlySpan<float>(zp + (long)i * vocab, vocab);
                    float max = TensorPrimitives.Max(z);
                    double sum = SumExp(z, max);
                    lp[i] = (float)(Math.Log(sum) + max - z[tp[i]]);
                }
            });
        }
    }

    /// <summary>
    /// Fused forward and backward: returns Σ w_i·loss_i / denominator and WRITES (this is where the
    /// gradient starts) dlogits_i = w_i/denominator·(softmax(z_i) − onehot(y_i)). dlogits may be the
    /// logits buffer itself: each row is read completely before it is overwritten.
    /// </summary>
    /// <param name="logits">[N, V] logits.</param>
    /// <param name="targets">[N] target ids.</param>
    /// <param name="weights">[N] per-token weight.</param>
    /// <param name="denominator">Total weight of the step (&gt; 0).</param>
    /// <param name="dlogits">[N, V] output gradient (may alias logits).</param>
    /// <param name="rowLoss">[N] scratch/output: unweighted per-row loss (0 where the weight is 0).</param>
    /// <param name="vocab">V.</param>
    public static float ForwardBackward(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, float denominator,
        Span<float> dlogits, Span<float> rowLoss, int vocab)
    {
        int n = targets.Length;
        CheckTargets(targets, vocab);
        if (!(denominator > 0)) throw new ArgumentOutOfRangeException(nameof(denominator), "loss denominator (total token weight) must be positive");
        fixed (float* pz = logits, pd = dlogits, pl = rowLoss, pw = weights)
        fixed (int* pt = targets)
        {
            float* zp = pz, dp = pd, lp = pl, wp = pw;
            int* tp = pt;
            KernelParallel.For(n, 1, (s, e) =>
            {
                for (int i = s; i < e; i++)
                {
                    var z = new ReadOnlySpan<float>(zp + (long)i * vocab, vocab);
                    var d = new Span<float>(dp + (long)i * vocab, vocab);
                    float w = wp[i];
                    if (w == 0f)
                    {
                        lp[i] = 0f;
                        d.Clear();
                        continue;
                    }
                    int target = tp[i];
                    float max = TensorPrimitives.Max(z);
                    float zt = z[target];
                    TensorPrimitives.Subtract(z, max, d);
                    TensorPrimitives.Exp(d, d);
                    float sum = TensorPrimitives.Sum(d);
                    lp[i] = MathF.Log(sum) + max - zt;
                    float scale = w / denominator;
                    TensorPrimitives.Multiply(d, scale / sum, d);
                    d[target] -= scale;
                }
            });
        }
        double total = 0;
        for (int i = 0; i < n; i++) total += (double)weights[i] * rowLoss[i];
        return (float)(total / denominator);
    }

    // Σ exp(z − max) in 4096-wide vectorised chunks (no buffer the size of the vocabulary).
    private static double SumExp(ReadOnlySpan<float> z, float max)
    {
        Span<float> tmp = stackalloc float[4096];
        double sum = 0;
        for (int j = 0; j < z.Length; j += tmp.Length)
        {
            int len = Math.Min(tmp.Length, z.Length - j);
            var t = tmp[..len];
            TensorPrimitives.Subtract(z.Slice(j, len), max, t);
            TensorPrimitives.Exp(t, t);
            sum += TensorPrimitives.Sum(t);
        }
        return sum;
    }

    private static void CheckTargets(ReadOnlySpan<int> targets, int vocab)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if ((uint)targets[i] >= (uint)vocab) throw new ArgumentOutOfRangeException(nameof(targets), $"target id {targets[i]} at index {i} is outside the vocabulary [0, {vocab})");
        }
    }
}
