using System.Numerics;

namespace Sift.Tensors.Kernels;

/// <summary>
/// The naive twins of every fast kernel: plain loops, generic in the number type so that tests can
/// run them in double for finite-difference gradient checks and in float against the fast
/// kernels. Same shapes and the same "backward adds" contract as the fast kernels. Norm and
/// attention backwards recompute what the fast forwards save.
/// </summary>
public static class NaiveKernels<T> where T : IFloatingPointIeee754<T>
{
    private static T Of(double x) => T.CreateChecked(x);

    /// <summary>x = wte[tok] (+ wpe[pos]).</summary>
    public static void EmbeddingForward(ReadOnlySpan<int> tokens, ReadOnlySpan<int> positions, ReadOnlySpan<T> wte, ReadOnlySpan<T> wpe, Span<T> x, int c)
    {
        for (int i = 0; i < tokens.Length; i++)
            for (int j = 0; j < c; j++)
                x[i * c + j] = wte[tokens[i] * c + j] + (wpe.IsEmpty ? T.Zero : wpe[positions[i] * c + j]);
    }

    public static void EmbeddingBackward(ReadOnlySpan<T> dx, ReadOnlySpan<int> tokens, ReadOnlySpan<int> positions, Span<T> dwte, Span<T> dwpe, int c)
    {
        for (int i = 0; i < tokens.Length; i++)
            for (int j = 0; j < c; j++)
            {
                dwte[tokens[i] * c + j] += dx[i * c + j];
                if (!dwpe.IsEmpty) dwpe[positions[i] * c + j] += dx[i * c + j];
            }
    }

    public static void RmsNormForward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> y, int c, T eps)
    {
        for (int i = 0; i < x.Length / c; i++)
        {
            T ss = T.Zero;
            for (int j = 0; j < c; j++) ss += x[i * c + j] * x[i * c + j];
            T r = T.One / T.Sqrt(ss / Of(c) + eps);
            for (int j = 0; j < c; j++) y[i * c + j] = x[i * c + j] * r * w[j];
        }
    }

    public static void RmsNormBackward(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> dx, Span<T> dw, int c, T eps)
    {
        for (int i = 0; i < x.Length / c; i++)
        {
            T ss = T.Zero;
            for (int j = 0; j < c; j++) ss += x[i * c + j] * x[i * c + j];
            T r = T.One / T.Sqrt(ss / Of(c) + eps);
            T dot = T.Zero;
            for (int j = 0; j < c; j++) dot += dy[i * c + j] * w[j] * x[i * c + j] * r;
            dot /= Of(c);
            for (int j = 0; j < c; j++)
            {
                T xh = x[i * c + j] * r;
                dx[i * c + j] += r * (dy[i * c + j] * w[j] - xh * dot);
                dw[j] += dy[i * c + j] * xh;
            }
        }
    }

    public static void LayerNormForward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, int c, T eps)
    {
        for (int i = 0; i < x.Length / c; i++)
        {
            (T mean, T r) = Moments(x.Slice(i * c, c), eps);
            for (int j = 0; j < c; j++) y[i * c + j] = (x[i * c + j] - mean) * r * w[j] + b[j];
        }
    }

    public static void LayerNormBackward(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> dx, Span<T> dw, Span<T> db, int c, T eps)
    {
        for (int i = 0; i < x.Length / c; i++)
        {
            (T mean, T r) = Moments(x.Slice(i * c, c), eps);
            T meanDn = T.Zero, meanDnXh = T.Zero;
            for (int j = 0; j < c; j++)
            {
                T dn = dy[i * c + j] * w[j];
                meanDn += dn;
                meanDnXh += dn * (x[i * c + j] - mean) * r;
            }
            meanDn /= Of(c);
            meanDnXh /= Of(c);
            for (int j = 0; j < c; j++)
            {
                T xh = (x[i * c + j] - mean) * r;
                dx[i * c + j] += r * (dy[i * c + j] * w[j] - meanDn - xh * meanDnXh);
                dw[j] += dy[i * c + j] * xh;
                db[j] += dy[i * c + j];
            }
        }
    }

    private static (T Mean, T Rstd) Moments(ReadOnlySpan<T> row, T eps)
    {
        T mean = T.Zero;
        foreach (var v in row) mean += v;
        mean /= Of(row.Length);
        T var = T.Zero;
        foreach (var v in row) var += (v - mean) * (v - mean);
        var /= Of(row.Length);
        return (mean, T.One / T.Sqrt(var + eps));
    }

    public static void LinearForward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, int n, int inF, int outF)
    {
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outF; o++)
            {
                T s = b.IsEmpty ? T.Zero : b[o];
                for (int k = 0; k < inF; k++) s += x[i * inF + k] * w[o * inF + k];
                y[i * outF + o] = s;
            }
    }

    public static void LinearBackward(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> dx, Span<T> dw, Span<T> db, int n, int inF, int outF)
    {
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outF; o++)
            {
                T g = dy[i * outF + o];
                if (!db.IsEmpty) db[o] += g;
                for (int k = 0; k < inF; k++)
                {
                    if (!dx.IsEmpty) dx[i * inF + k] += g * w[o * inF + k];
                    dw[o * inF + k] += g * x[i * inF + k];
                }
            }
    }

    public static void RopeForward(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> positions, int n, int heads, int d, int stride, double theta)
        => Rope(x, y, positions, n, heads, d, stride, theta, 1, false);

    public static void RopeBackward(ReadOnlySpan<T> dy, Span<T> dx, ReadOnlySpan<int> positions, int n, int heads, int d, int stride, double theta)
        => Rope(dy, dx, positions, n, heads, d, stride, theta, -1, true);

    private static void Rope(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> positions, int n, int heads, int d, int stride, double theta, int sign, bool add)
    {
        int half = d / 2;
        for (int i = 0; i < n; i++)
            for (int h = 0; h < heads; h++)
                for (int j = 0; j < half; j++)
                {
                    double angle = positions[i] * Math.Pow(theta, -2.0 * j / d);
                    T cos = Of(Math.Cos(angle)), sin = Of(sign * Math.Sin(angle));
                    int o = i * stride + h * d + j;
                    T a = x[o], b = x[o + half];
                    T o1 = a * cos - b * sin, o2 = b * cos + a * sin;
                    if (add) { y[o] += o1; y[o + half] += o2; }
                    else { y[o] = o1; y[o + half] = o2; }
                }
    }

    /// <summary>Causal grouped-query attention over rows of stride <paramref name="stride"/>; output [B·T, Hq·D].</summary>
    public static void AttentionForward(ReadOnlySpan<T> q, ReadOnlySpan<T> k, ReadOnlySpan<T> v, int stride, Span<T> output, int batch, int seq, int hq, int hkv, int d)
    {
        var p = new T[seq];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < hq; h++)
                for (int t = 0; t < seq; t++)
                {
                    Probs(q, k, stride, b, h, t, seq, hq, hkv, d, p);
                    int kvh = h / (hq / hkv);
                    for (int j = 0; j < d; j++)
                    {
                        T s = T.Zero;
                        for (int s2 = 0; s2 <= t; s2++) s += p[s2] * v[(b * seq + s2) * stride + kvh * d + j];
                        output[(b * seq + t) * hq * d + h * d + j] = s;
                    }
                }
    }

    public static void AttentionBackward(ReadOnlySpan<T> dout, ReadOnlySpan<T> q, ReadOnlySpan<T> k, ReadOnlySpan<T> v, Span<T> dq, Span<T> dk, Span<T> dv,
        int stride, int batch, int seq, int hq, int hkv, int d)
    {
        var p = new T[seq];
        var dp = new T[seq];
        T scale = T.One / T.Sqrt(Of(d));
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < hq; h++)
                for (int t = 0; t < seq; t++)
                {
                    Probs(q, k, stride, b, h, t, seq, hq, hkv, d, p);
                    int kvh = h / (hq / hkv);
                    int orow = (b * seq + t) * hq * d + h * d;
                    int qrow = (b * seq + t) * stride + h * d;
                    T dot = T.Zero;
                    for (int s2 = 0; s2 <= t; s2++)
                    {
                        int kv = (b * seq + s2) * stride + kvh * d;
                        dp[s2] = T.Zero;
                        for (int j = 0; j < d; j++)
                        {
                            dp[s2] += dout[orow + j] * v[kv + j];
                            dv[kv + j] += p[s2] * dout[orow + j];
                        }
                        dot += p[s2] * dp[s2];
                    }
                    for (int s2 = 0; s2 <= t; s2++)
                    {
                        int kv = (b * seq + s2) * stride + kvh * d;
                        T ds = p[s2] * (dp[s2] - dot) * scale;
                        for (int j = 0; j < d; j++)
                        {
                            dq[qrow + j] += ds * k[kv + j];
                            dk[kv + j] += ds * q[qrow + j];
                        }
                    }
                }
    }

    private static void Probs(ReadOnlySpan<T> q, ReadOnlySpan<T> k, int stride, int b, int h, int t, int seq, int hq, int hkv, int d, T[] p)
    {
        int kvh = h / (hq / hkv);
        T scale = T.One / T.Sqrt(Of(d));
        T max = T.NegativeInfinity;
        for (int s2 = 0; s2 <= t; s2++)
        {
            T s = T.Zero;
            for (int j = 0; j < d; j++) s += q[(b * seq + t) * stride + h * d + j] * k[(b * seq + s2) * stride + kvh * d + j];
            p[s2] = s * scale;
            max = T.Max(max, p[s2]);
        }
        T sum = T.Zero;
        for (int s2 = 0; s2 <= t; s2++) { p[s2] = T.Exp(p[s2] - max); sum += p[s2]; }
        for (int s2 = 0; s2 <= t; s2++) p[s2] /= sum;
    }

    public static void SwiGluForward(ReadOnlySpan<T> gateUp, Span<T> y, int f)
    {
        for (int i = 0; i < gateUp.Length / (2 * f); i++)
            for (int j = 0; j < f; j++)
            {
                T g = gateUp[i * 2 * f + j], u = gateUp[i * 2 * f + f + j];
                y[i * f + j] = g / (T.One + T.Exp(-g)) * u;
            }
    }

    public static void SwiGluBackward(ReadOnlySpan<T> dy, ReadOnlySpan<T> gateUp, Span<T> dGateUp, int f)
    {
        for (int i = 0; i < gateUp.Length / (2 * f); i++)
            for (int j = 0; j < f; j++)
            {
                T g = gateUp[i * 2 * f + j], u = gateUp[i * 2 * f + f + j];
                T sig = T.One / (T.One + T.Exp(-g));
                dGateUp[i * 2 * f + j] += dy[i * f + j] * u * sig * (T.One + g * (T.One - sig));
                dGateUp[i * 2 * f + f + j] += dy[i * f + j] * g * sig;
            }
    }

    public static void GeluForward(ReadOnlySpan<T> x, Span<T> y)
    {
        T k = Of(Math.Sqrt(2 / Math.PI)), c = Of(0.044715), half = Of(0.5);
        for (int i = 0; i < x.Length; i++) y[i] = half * x[i] * (T.One + T.Tanh(k * (x[i] + c * x[i] * x[i] * x[i])));
    }

    public static void GeluBackward(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, Span<T> dx)
    {
        T k = Of(Math.Sqrt(2 / Math.PI)), c = Of(0.044715), half = Of(0.5), three = Of(3);
        for (int i = 0; i < x.Length; i++)
        {
            T t = T.Tanh(k * (x[i] + c * x[i] * x[i] * x[i]));
            T deriv = half * (T.One + t) + half * x[i] * (T.One - t * t) * k * (T.One + three * c * x[i] * x[i]);
            dx[i] += dy[i] * deriv;
        }
    }

    /// <summary>Returns the weighted mean loss and writes dlogits (as the fast kernel does).</summary>
    public static T CrossEntropyForwardBackward(ReadOnlySpan<T> logits, ReadOnlySpan<int> targets, ReadOnlySpan<T> weights, T denominator, Span<T> dlogits, int vocab)
    {
        T total = T.Zero;
        for (int i = 0; i < targets.Length; i++)
        {
            T max = T.NegativeInfinity;
            for (int j = 0; j < vocab; j++) max = T.Max(max, logits[i * vocab + j]);
            T sum = T.Zero;
            for (int j = 0; j < vocab; j++) sum += T.Exp(logits[i * vocab + j] - max);
            T loss = T.Log(sum) + max - logits[i * vocab + targets[i]];
            total += weights[i] * loss;
            for (int j = 0; j < vocab; j++)
            {
                T prob = T.Exp(logits[i * vocab + j] - max) / sum;
                dlogits[i * vocab + j] = weights[i] / denominator * (prob - (j == targets[i] ? T.One : T.Zero));
            }
        }
        return total / denominator;
    }
}
