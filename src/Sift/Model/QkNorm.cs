using Sift.Tensors.Kernels;

namespace Sift.Model;

/// <summary>
/// Qwen3's per-head RMSNorm of queries and keys (modeling_qwen3.py: <c>q_norm(q_proj(x).view(…, head_dim))</c>,
/// likewise k, before RoPE; weights [head_dim], eps = rms_norm_eps). The q and k heads sit strided
/// inside the fused q|k|v rows, so they are gathered into contiguous [rows·heads, D] blocks, normed by
/// <see cref="RmsNorm"/> and scattered back.
/// </summary>
internal static class QkNorm
{
    /// <summary>Norms the q and k heads of <paramref name="qkv"/> in place; keeps the inputs in <paramref name="pre"/> and 1/rms in <paramref name="rstd"/> for backward.</summary>
    /// <param name="qkv">[n, qkvWidth] rows: q heads, k heads, v heads.</param>
    /// <param name="pre">[n·(hq+hkv)·d]: q inputs of every row, then k inputs.</param>
    /// <param name="rstd">[n·(hq+hkv)].</param>
    /// <param name="tmp">[n·hq·d] scratch.</param>
    public static void Forward(Span<float> qkv, int qkvWidth, int n, int hq, int hkv, int d, ReadOnlySpan<float> wq, ReadOnlySpan<float> wk, float eps,
        Span<float> pre, Span<float> rstd, Span<float> tmp)
    {
        int qd = hq * d, kd = hkv * d;
        var preQ = pre[..(n * qd)];
        var preK = pre.Slice(n * qd, n * kd);
        Gather(qkv, qkvWidth, 0, qd, preQ, n);
        Gather(qkv, qkvWidth, qd, kd, preK, n);
        RmsNorm.Forward(preQ, wq, tmp[..(n * qd)], rstd[..(n * hq)], d, eps);
        Scatter(tmp, qkv, qkvWidth, 0, qd, n);
        RmsNorm.Forward(preK, wk, tmp[..(n * kd)], rstd.Slice(n * hq, n * hkv), d, eps);
        Scatter(tmp, qkv, qkvWidth, qd, kd, n);
    }

    /// <summary>Replaces the q/k gradients in <paramref name="dqkv"/> (w.r.t. the normed heads) by those w.r.t. the projections; adds the norm weight gradients.</summary>
    /// <param name="tmp">[n·hq·d] scratch.</param>
    /// <param name="tmp2">[n·hq·d] scratch.</param>
    public static void Backward(Span<float> dqkv, int qkvWidth, int n, int hq, int hkv, int d, ReadOnlySpan<float> wq, ReadOnlySpan<float> wk,
        ReadOnlySpan<float> pre, ReadOnlySpan<float> rstd, Span<float> dwq, Span<float> dwk, Span<float> tmp, Span<float> tmp2)
    {
        int qd = hq * d, kd = hkv * d;
        BackwardHeads(dqkv, qkvWidth, n, 0, qd, d, wq, pre[..(n * qd)], rstd[..(n * hq)], dwq, tmp, tmp2);
        BackwardHeads(dqkv, qkvWidth, n, qd, kd, d, wk, pre.Slice(n * qd, n * kd), rstd.Slice(n * hq, n * hkv), dwk, tmp, tmp2);
    }

    private static void BackwardHeads(Span<float> dqkv, int qkvWidth, int n, int offset, int width, int d, ReadOnlySpan<float> w,
        ReadOnlySpan<float> pre, ReadOnlySpan<float> rstd, Span<float> dw, Span<float> tmp, Span<float> tmp2)
    {
        var dy = tmp[..(n * width)];
        var dx = tmp2[..(n * width)];
        Gather(dqkv, qkvWidth, offset, width, dy, n);
        dx.Clear();
        RmsNorm.Backward(dy, pre, w, rstd, dx, dw, d);
        Scatter(dx, dqkv, qkvWidth, offset, width, n);
    }

    private static void Gather(ReadOnlySpan<float> rows, int stride, int offset, int width, Span<float> dst, int n)
    {
        for (int i = 0; i < n; i++) rows.Slice(i * stride + offset, width).CopyTo(dst.Slice(i * width, width));
    }

    private static void Scatter(ReadOnlySpan<float> src, Span<float> rows, int stride, int offset, int width, int n)
    {
        for (int i = 0; i < n; i++) src.Slice(i * width, width).CopyTo(rows.Slice(i * stride + offset, width));
    }
}
