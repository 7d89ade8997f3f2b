using System.Runtime.Intrinsics;

namespace Sift.Tensors.Kernels;

/// <summary>
/// One AdamW update (Loshchilov &amp; Hutter 2019) over a flat range, exactly as torch.optim.AdamW:
/// p ← p − lr·wd·p; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// p ← p − lr·(m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + eps). Vectorised and parallel over elements.
/// </summary>
public static unsafe class AdamWUpdate
{
    /// <param name="parameters">[P] updated in place.</param>
    /// <param name="gradients">[P] gradients (already scaled by clipping).</param>
    /// <param name="m">[P] first moment, updated.</param>
    /// <param name="v">[P] second moment, updated.</param>
    /// <param name="lr">Learning rate of this step.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="eps">ε.</param>
    /// <param name="weightDecay">Decoupled decay (0 for norms and biases).</param>
    /// <param name="step">1-based step count t.</param>
    /// <param name="gradScale">Multiplies every gradient first (global-norm clipping factor).</param>
    public static void Step(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v,
        float lr, float beta1, float beta2, float eps, float weightDecay, int step, float gradScale = 1f)
    {
        int n = parameters.Length;
        if (gradients.Length < n || m.Length < n || v.Length < n) throw new ArgumentException("AdamWUpdate.Step: buffers differ in length");
        float bc1 = 1f - MathF.Pow(beta1, step);
        float bc2 = 1f - MathF.Pow(beta2, step);
        float decay = 1f - lr * weightDecay;
        float stepSize = lr / bc1;
        float invSqrtBc2 = 1f / MathF.Sqrt(bc2);
        fixed (float* pp = parameters, pg = gradients, pm = m, pv = v)
        {
            float* p = pp, g = pg, mp = pm, vp = pv;
            KernelParallel.For(n, 1 << 15, (s, e) =>
            {
                int i = s;
                if (Vector512.IsHardwareAccelerated)
                {
                    var vb1 = Vector512.Create(beta1); var vb1c = Vector512.Create(1f - beta1);
                    var vb2 = Vector512.Create(beta2); var vb2c = Vector512.Create(1f - beta2);
                    var vdecay = Vector512.Create(decay); var vstep = Vector512.Create(stepSize);
                    var vibc2 = Vector512.Create(invSqrtBc2); var veps = Vector512.Create(eps);
                    var vscale = Vector512.Create(gradScale);
                    for (; i + 16 <= e; i += 16)
                    {
                        var gi = Vector512.Load(g + i) * vscale;
                        var mi = vb1 * Vector512.Load(mp + i) + vb1c * gi;
                        var vi = vb2 * Vector512.Load(vp + i) + vb2c * (gi * gi);
                        mi.Store(mp + i);
                        vi.Store(vp + i);
                        var pi = Vector512.Load(p + i) * vdecay;
                        pi -= vstep * mi / (Vector512.Sqrt(vi) * vibc2 + veps);
                        pi.Store(p + i);
                    }
                }
                for (; i < e; i++)
                {
                    float gi = g[i] * gradScale;
                    float mi = beta1 * mp[i] + (1f - beta1) * gi;
                    float vi = beta2 * vp[i] + (1f - beta2) * (gi * gi);
                    mp[i] = mi;
                    vp[i] = vi;
                    p[i] = p[i] * decay - stepSize * mi / (MathF.Sqrt(vi) * invSqrtBc2 + eps);
                }
            });
        }
    }
}
