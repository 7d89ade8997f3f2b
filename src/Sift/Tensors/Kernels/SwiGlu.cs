using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>SwiGLU (Shazeer 2020): y = silu(gate)·up, with gate and up side by side in one row [gate | up].</summary>
public static unsafe class SwiGlu
{
    /// <param name="gateUp">[N, 2F] rows: F gate floats then F up floats.</param>
    /// <param name="y">[N, F] output.</param>
    /// <param name="f">F.</param>
    public static void Forward(ReadOnlySpan<float> gateUp, Span<float> y, int f)
    {
        int n = gateUp.Length / (2 * f);
        fixed (float* pg = gateUp, py = y)
        {
            float* gp = pg, yp = py;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> sig = f <= 16384 ? stackalloc float[f] : new float[f];
                for (int i = s; i < e; i++)
                {
                    var g = new ReadOnlySpan<float>(gp + (long)i * 2 * f, f);
                    var u = new ReadOnlySpan<float>(gp + (long)i * 2 * f + f, f);
                    var yr = new Span<float>(yp + (long)i * f, f);
                    TensorPrimitives.Sigmoid(g, sig);
                    TensorPrimitives.Multiply(g, sig, yr);
                    TensorPrimitives.Multiply(yr, u, yr);
                }
            });
        }
    }

    /// <summary>dgate += dy·up·σ(g)(1 + g(1 − σ(g))); dup += dy·silu(g).</summary>
    /// <param name="dy">[N, F] gradient of the output.</param>
    /// <param name="gateUp">[N, 2F] forward input.</param>
    /// <param name="dGateUp">[N, 2F] added into.</param>
    /// <param name="f">F.</param>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> gateUp, Span<float> dGateUp, int f)
    {
        int n = gateUp.Length / (2 * f);
        fixed (float* pdy = dy, pg = gateUp, pdg = dGateUp)
        {
            float* dyp = pdy, gp = pg, dgp = pdg;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> sig = f <= 16384 ? stackalloc float[f] : new float[f];
                Span<float> tmp = f <= 16384 ? stackalloc float[f] : new float[f];
                for (int i = s; i < e; i++)
                {
                    var g = new ReadOnlySpan<float>(gp + (long)i * 2 * f, f);
                    var u = new ReadOnlySpan<float>(gp + (long)i * 2 * f + f, f);
                    var dyr = new ReadOnlySpan<float>(dyp + (long)i * f, f);
                    var dg = new Span<float>(dgp + (long)i * 2 * f, f);
                    var du = new Span<float>(dgp + (long)i * 2 * f + f, f);
                    TensorPrimitives.Sigmoid(g, sig);
                    // du += dy·g·σ
                    TensorPrimitives.Multiply(g, sig, tmp);
                    TensorPrimitives.MultiplyAdd(tmp, dyr, du, du);
                    // dg += dy·u·σ·(1 + g − g·σ)
                    TensorPrimitives.Subtract(g, tmp, tmp);          // g − gσ
                    TensorPrimitives.Add(tmp, 1f, tmp);               // 1 + g − gσ
                    TensorPrimitives.Multiply(tmp, sig, tmp);
                    TensorPrimitives.Multiply(tmp, u, tmp);
                    TensorPrimitives.MultiplyAdd(tmp, dyr, dg, dg);
                }
            });
        }
    }
}
