using Sift.Tensors.Kernels;
using Sift.Tensors.Memory;

namespace Sift.Model;

/// <summary>
/// Forward and backward passes of a <see cref="TransformerModel"/> over batches up to
/// (maxBatch, maxSeq), llm.c style: every activation the backward needs, the activation
/// gradients and the parameter gradients live in aligned blocks allocated here, once.
/// Data flow: tokens → embeddings → L × (norm → q|k|v (+ biases) → [q/k norm (qwen3)] → [RoPE, scaled
/// per rope_scaling] → causal attention → o_proj + residual → norm → MLP + residual) → final norm →
/// logits → weighted cross-entropy, and back.
/// </summary>
public sealed unsafe class TrainingGraph : IDisposable
{
    private readonly TransformerModel _model;
    private readonly ModelLayout _lay;
    private readonly BlockArena _arena = new();
    private readonly AlignedBlock? _rope;
    private readonly int[] _positions;
    private readonly int _maxN;

    // Offsets of activation regions in the arena.
    private readonly long[] _resid, _ln1, _ln1Mean, _ln1Rstd, _qkv, _probs, _attn, _h, _ln2, _ln2Mean, _ln2Rstd, _fc, _act;
    private readonly long _lnf, _lnfMean, _lnfRstd, _logits, _rowLoss;
    private readonly long _dres, _dln, _dqkv, _dqkvRot, _dattn, _dfc, _dact;

    // Qwen3 q/k norms: the pre-norm q|k heads and 1/rms per layer, two scratch blocks (−1 / empty without).
    private readonly long[] _qkPre = [], _qkRstd = [];
    private readonly long _qkTmp = -1, _qkTmp2 = -1;

    public TrainingGraph(TransformerModel model, int maxBatch, int maxSeq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeq, 1);
        if (maxSeq > model.Config.MaxPositionEmbeddings) throw new ArgumentOutOfRangeException(nameof(maxSeq), $"maxSeq {maxSeq} exceeds max_position_embeddings {model.Config.MaxPositionEmbeddings}");
        model.Config.CheckContext(maxSeq);
        _model = model;
        _lay = new ModelLayout(model.Config, model.Parameters);
        MaxBatch = maxBatch;
        MaxSeq = maxSeq;
        int n = _maxN = maxBatch * maxSeq;
        int l = _lay.L, c = _lay.C;
        long[] Per(long size, int count)
        {
            var r = new long[count];
            for (int i = 0; i < count; i++) r[i] = _arena.Reserve(size);
            return r;
        }
        _resid = Per((long)n * c, l + 1);
        _ln1 = Per((long)n * c, l);
        _ln1Mean = Per(n, l);
        _ln1Rstd = Per(n, l);
        _qkv = Per((long)n * _lay.QkvWidth, l);
        _probs = Per((long)maxBatch * _lay.Hq * maxSeq * maxSeq, l);
        _attn = Per((long)n * _lay.Hq * _lay.D, l);
        _h = Per((long)n * c, l);
        _ln2 = Per((long)n * c, l);
        _ln2Mean = Per(n, l);
        _ln2Rstd = Per(n, l);
        _fc = Per((long)n * _lay.FcWidth, l);
        _act = Per((long)n * _lay.F, l);
        _lnf = _arena.Reserve((long)n * c);
        _lnfMean = _arena.Reserve(n);
        _lnfRstd = _arena.Reserve(n);
        _logits = _arena.Reserve((long)n * _lay.V);
        _rowLoss = _arena.Reserve(n);
        _dres = _arena.Reserve((long)n * c);
        _dln = _arena.Reserve((long)n * c);
        _dqkv = _arena.Reserve((long)n * _lay.QkvWidth);
        _dqkvRot = _lay.Gpt2 ? -1 : _arena.Reserve((long)n * _lay.QkvWidth);
        _dattn = _arena.Reserve((long)n * _lay.Hq * _lay.D);
        _dfc = _arena.Reserve((long)n * _lay.FcWidth);
        _dact = _arena.Reserve((long)n * _lay.F);
        if (_lay.QkNorm)
        {
            _qkPre = Per((long)n * (_lay.Hq + _lay.Hkv) * _lay.D, l);
            _qkRstd = Per((long)n * (_lay.Hq + _lay.Hkv), l);
            _qkTmp = _arena.Reserve((long)n * _lay.Hq * _lay.D);
            _qkTmp2 = _arena.Reserve((long)n * _lay.Hq * _lay.D);
        }
        _arena.Allocate();
        Gradients = new AlignedBlock(model.Parameters.TotalSize);
        _positions = new int[n];
        if (!_lay.Gpt2) _rope = RopeTables.Build(model.Config, maxSeq);
    }

    public TransformerModel Model => _model;

    public int MaxBatch { get; }

    public int MaxSeq { get; }

    /// <summary>Parameter gradients, laid out like the weights (<see cref="TransformerModel.Parameters"/>).</summary>
    public AlignedBlock Gradients { get; }

    /// <summary>Floats of activation memory.</summary>
    public long ActivationFloats => _arena.Reserved;

    /// <summary>Gradient of one parameter by name.</summary>
    public Span<float> Gradient(string name)
    {
        var p = _model.Parameters[name];
        return Gradients.Slice(p.Offset, p.Size);
    }

    /// <summary>Sets every parameter gradient to zero (start of a step).</summary>
    public void ZeroGradients() => Gradients.Span.Clear();

    private Span<float> A(long offset, long length) => _arena.Block.Slice(offset, length);

    private Span<float> W(long offset, long length) => ModelLayout.View(_model.Weights.Pointer, offset, length);

    private Span<float> G(long offset, long length) => ModelLayout.View(Gradients.Pointer, offset, length);

    /// <summary>Forward pass; returns the logits [B·T, V] (valid until the next call).</summary>
    /// <param name="tokens">[B·T] input ids, row-major [B, T].</param>
    /// <param name="batch">B ≤ maxBatch.</param>
    /// <param name="seq">T ≤ maxSeq.</param>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<int> tokens, int batch, int seq)
    {
        Check(tokens.Length, batch, seq);
        RunForward(tokens, batch, seq);
        return A(_logits, (long)batch * seq * _lay.V);
    }

    /// <summary>Weighted mean cross-entropy of the batch (no gradients).</summary>
    public float Loss(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int batch, int seq)
    {
        var logits = Forward(tokens, batch, seq);
        int n = batch * seq;
        var rowLoss = A(_rowLoss, n);
        SoftmaxCrossEntropy.Forward(logits, targets[..n], rowLoss, _lay.V);
        double num = 0, den = 0;
        for (int i = 0; i < n; i++)
        {
            num += (double)weights[i] * rowLoss[i];
            den += weights[i];
        }
        return den > 0 ? (float)(num / den) : 0f;
    }

    /// <summary>
    /// Forward, weighted cross-entropy and backward; parameter gradients are ADDED into
    /// <see cref="Gradients"/> (so micro-batches accumulate). Returns this batch's share of the
    /// loss: Σ w·loss / <paramref name="denominator"/>.
    /// </summary>
    /// <param name="tokens">[B·T] input ids.</param>
    /// <param name="targets">[B·T] next-token ids.</param>
    /// <param name="weights">[B·T] loss weights (0 on prompt and padding).</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="denominator">Total weight of the whole step (all micro-batches).</param>
    public float ForwardBackward(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targets, ReadOnlySpan<float> weights, int batch, int seq, float denominator)
    {
        Check(tokens.Length, batch, seq);
        int n = batch * seq;
        if (targets.Length < n || weights.Length < n) throw new ArgumentException($"targets and weights need {n} entries");
        RunForward(tokens, batch, seq);
        var logits = A(_logits, (long)n * _lay.V);
        float loss = SoftmaxCrossEntropy.ForwardBackward(logits, targets[..n], weights[..n], denominator, logits, A(_rowLoss, n), _lay.V);
        RunBackward(tokens, batch, seq);
        return loss;
    }

    /// <summary>
    /// A caller-supplied loss on the logits: reads <c>logits</c> [B·T, V] and overwrites the whole span,
    /// in place, with ∂loss/∂logits (zero on every row the loss does not read); returns the loss.
    /// The evaluator (Liu et al. 2023) reads two label logits per row this way.
    /// </summary>
    /// <param name="logits">[B·T, V] logits in, gradients out.</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="vocab">V.</param>
    public delegate float LogitLoss(Span<float> logits, int batch, int seq, int vocab);

    /// <summary>
    /// Forward, a caller-supplied loss on the logits (<see cref="LogitLoss"/>) and backward; parameter
    /// gradients are ADDED into <see cref="Gradients"/>. Returns what <paramref name="loss"/> returns.
    /// </summary>
    /// <param name="tokens">[B·T] input ids.</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="loss">Reads the logits and writes their gradient in place.</param>
    public float ForwardBackward(ReadOnlySpan<int> tokens, int batch, int seq, LogitLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Check(tokens.Length, batch, seq);
        int n = batch * seq;
        RunForward(tokens, batch, seq);
        // The backward reads the logits buffer as dlogits (as the cross-entropy path does).
        float value = loss(A(_logits, (long)n * _lay.V), batch, seq, _lay.V);
        RunBackward(tokens, batch, seq);
        return value;
    }

    private void Check(int tokenCount, int batch, int seq)
    {
        if (batch < 1 || batch > MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"batch {batch} outside [1, {MaxBatch}]");
        if (seq < 1 || seq > MaxSeq) throw new ArgumentOutOfRangeException(nameof(seq), $"sequence length {seq} outside [1, {MaxSeq}]");
        if (tokenCount < batch * seq) throw new ArgumentException($"need {batch * seq} tokens, got {tokenCount}");
    }

    private void Norm(ReadOnlySpan<float> x, long w, long b, Span<float> y, Span<float> mean, Span<float> rstd)
    {
        int c = _lay.C;
        if (_lay.Gpt2) LayerNorm.Forward(x, W(w, c), W(b, c), y, mean, rstd, c, _lay.Eps);
        else RmsNorm.Forward(x, W(w, c), y, rstd, c, _lay.Eps);
    }

    private void NormBackward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, long w, long b, ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd, Span<float> dx)
    {
        int c = _lay.C;
        if (_lay.Gpt2) LayerNorm.Backward(dy, x, W(w, c), mean, rstd, dx, G(w, c), G(b, c), c);
        else RmsNorm.Backward(dy, x, W(w, c), rstd, dx, G(w, c), c);
    }

    private void RunForward(ReadOnlySpan<int> tokens, int batch, int seq)
    {
        var lay = _lay;
        var gemm = _model.Gemm;
        int n = batch * seq, c = lay.C, qkvW = lay.QkvWidth, hqd = lay.Hq * lay.D, fcW = lay.FcWidth, f = lay.F;
        for (int i = 0; i < n; i++) _positions[i] = i % seq;
        var pos = _positions.AsSpan(0, n);
        TokenEmbedding.Forward(tokens[..n], pos, W(lay.Wte, (long)lay.V * c), lay.Gpt2 ? W(lay.Wpe, (long)_model.Config.MaxPositionEmbeddings * c) : default, A(_resid[0], (long)n * c), c);
        for (int l = 0; l < lay.L; l++)
        {
            var o = lay.Layers[l];
            var x = A(_resid[l], (long)n * c);
            var ln1 = A(_ln1[l], (long)n * c);
            Norm(x, o.Ln1W, o.Ln1B, ln1, A(_ln1Mean[l], n), A(_ln1Rstd[l], n));
            var qkv = A(_qkv[l], (long)n * qkvW);
            Linear.Forward(gemm, ln1, W(o.Qkv, (long)qkvW * c), W(o.QkvB, qkvW), qkv, n, c, qkvW);
            if (lay.QkNorm)
            {
                QkNorm.Forward(qkv, qkvW, n, lay.Hq, lay.Hkv, lay.D, W(o.QNorm, lay.D), W(o.KNorm, lay.D), lay.Eps,
                    A(_qkPre[l], (long)n * (lay.Hq + lay.Hkv) * lay.D), A(_qkRstd[l], (long)n * (lay.Hq + lay.Hkv)), A(_qkTmp, (long)n * hqd));
            }
            if (!lay.Gpt2)
            {
                var cos = RopeCos;
                var sin = RopeSin;
                RotaryEmbedding.Forward(qkv, qkv, pos, cos, sin, n, lay.Hq, lay.D, qkvW);
                RotaryEmbedding.Forward(qkv[hqd..], qkv[hqd..], pos, cos, sin, n, lay.Hkv, lay.D, qkvW);
            }
            var attn = A(_attn[l], (long)n * hqd);
            CausalAttention.Forward(qkv, qkv[hqd..], qkv[(hqd + lay.Hkv * lay.D)..], qkvW, attn, A(_probs[l], (long)batch * lay.Hq * seq * seq), batch, seq, lay.Hq, lay.Hkv, lay.D);
            var h = A(_h[l], (long)n * c);
            Linear.Forward(gemm, attn, W(o.O, (long)c * hqd), W(o.OB, c), h, n, hqd, c);
            Residual.Forward(h, x, h);
            var ln2 = A(_ln2[l], (long)n * c);
            Norm(h, o.Ln2W, o.Ln2B, ln2, A(_ln2Mean[l], n), A(_ln2Rstd[l], n));
            var fc = A(_fc[l], (long)n * fcW);
            Linear.Forward(gemm, ln2, W(o.Fc, (long)fcW * c), W(o.FcB, fcW), fc, n, c, fcW);
            var act = A(_act[l], (long)n * f);
            if (lay.Gpt2) GeluTanh.Forward(fc, act, f);
            else SwiGlu.Forward(fc, act, f);
            var next = A(_resid[l + 1], (long)n * c);
            Linear.Forward(gemm, act, W(o.Down, (long)c * f), W(o.DownB, c), next, n, f, c);
            Residual.Forward(next, h, next);
        }
        var lnf = A(_lnf, (long)n * c);
        Norm(A(_resid[lay.L], (long)n * c), lay.NormW, lay.NormB, lnf, A(_lnfMean, n), A(_lnfRstd, n));
        Linear.Forward(gemm, lnf, W(lay.LmHead, (long)lay.V * c), default, A(_logits, (long)n * lay.V), n, c, lay.V);
    }

    private Span<float> RopeCos => _rope!.Slice(0, (long)MaxSeq * (_lay.D / 2));

    private Span<float> RopeSin => _rope!.Slice((long)MaxSeq * (_lay.D / 2), (long)MaxSeq * (_lay.D / 2));

    private void RunBackward(ReadOnlySpan<int> tokens, int batch, int seq)
    {
        var lay = _lay;
        var gemm = _model.Gemm;
        int n = batch * seq, c = lay.C, qkvW = lay.QkvWidth, hqd = lay.Hq * lay.D, kvd = lay.Hkv * lay.D, fcW = lay.FcWidth, f = lay.F;
        var pos = _positions.AsSpan(0, n);
        var dlogits = A(_logits, (long)n * lay.V);
        var dln = A(_dln, (long)n * c);
        var dres = A(_dres, (long)n * c);
        dln.Clear();
        Linear.Backward(gemm, dlogits, A(_lnf, (long)n * c), W(lay.LmHead, (long)lay.V * c), dln, G(lay.LmHead, (long)lay.V * c), default, n, c, lay.V);
        dres.Clear();
        NormBackward(dln, A(_resid[lay.L], (long)n * c), lay.NormW, lay.NormB, A(_lnfMean, n), A(_lnfRstd, n), dres);
        var dact = A(_dact, (long)n * f);
        var dfc = A(_dfc, (long)n * fcW);
        var dattn = A(_dattn, (long)n * hqd);
        var dqkv = A(_dqkv, (long)n * qkvW);
        for (int l = lay.L - 1; l >= 0; l--)
        {
            var o = lay.Layers[l];
            // MLP branch: dres is the gradient of resid[l+1] = h + down(act).
            dact.Clear();
            Linear.Backward(gemm, dres, A(_act[l], (long)n * f), W(o.Down, (long)c * f), dact, G(o.Down, (long)c * f), G(o.DownB, c), n, f, c);
            dfc.Clear();
            var fc = A(_fc[l], (long)n * fcW);
            if (lay.Gpt2) GeluTanh.Backward(dact, fc, dfc, f);
            else SwiGlu.Backward(dact, fc, dfc, f);
            dln.Clear();
            Linear.Backward(gemm, dfc, A(_ln2[l], (long)n * c), W(o.Fc, (long)fcW * c), dln, G(o.Fc, (long)fcW * c), G(o.FcB, fcW), n, c, fcW);
            NormBackward(dln, A(_h[l], (long)n * c), o.Ln2W, o.Ln2B, A(_ln2Mean[l], n), A(_ln2Rstd[l], n), dres);
            // Attention branch: dres is now the gradient of h = x + o_proj(attn).
            dattn.Clear();
            Linear.Backward(gemm, dres, A(_attn[l], (long)n * hqd), W(o.O, (long)c * hqd), dattn, G(o.O, (long)c * hqd), G(o.OB, c), n, hqd, c);
            var qkv = A(_qkv[l], (long)n * qkvW);
            var probs = A(_probs[l], (long)batch * lay.Hq * seq * seq);
            if (lay.Gpt2)
            {
                dqkv.Clear();
                CausalAttention.Backward(dattn, qkv, qkv[hqd..], qkv[(hqd + kvd)..], probs, dqkv, dqkv[hqd..], dqkv[(hqd + kvd)..], qkvW, batch, seq, lay.Hq, lay.Hkv, lay.D);
            }
            else
            {
                var rot = A(_dqkvRot, (long)n * qkvW);
                rot.Clear();
                CausalAttention.Backward(dattn, qkv, qkv[hqd..], qkv[(hqd + kvd)..], probs, rot, rot[hqd..], rot[(hqd + kvd)..], qkvW, batch, seq, lay.Hq, lay.Hkv, lay.D);
                // The values were not rotated: their gradient passes through; q and k rotate back.
                rot.CopyTo(dqkv);
                for (int i = 0; i < n; i++) dqkv.Slice(i * qkvW, hqd + kvd).Clear();
                var cos = RopeCos;
                var sin = RopeSin;
                RotaryEmbedding.Backward(rot, dqkv, pos, cos, sin, n, lay.Hq, lay.D, qkvW);
                RotaryEmbedding.Backward(rot[hqd..], dqkv[hqd..], pos, cos, sin, n, lay.Hkv, lay.D, qkvW);
                if (lay.QkNorm)
                {
                    QkNorm.Backward(dqkv, qkvW, n, lay.Hq, lay.Hkv, lay.D, W(o.QNorm, lay.D), W(o.KNorm, lay.D),
                        A(_qkPre[l], (long)n * (lay.Hq + lay.Hkv) * lay.D), A(_qkRstd[l], (long)n * (lay.Hq + lay.Hkv)), G(o.QNorm, lay.D), G(o.KNorm, lay.D),
                        A(_qkTmp, (long)n * hqd), A(_qkTmp2, (long)n * hqd));
                }
            }
            dln.Clear();
            Linear.Backward(gemm, dqkv, A(_ln1[l], (long)n * c), W(o.Qkv, (long)qkvW * c), dln, G(o.Qkv, (long)qkvW * c), G(o.QkvB, qkvW), n, c, qkvW);
            NormBackward(dln, A(_resid[l], (long)n * c), o.Ln1W, o.Ln1B, A(_ln1Mean[l], n), A(_ln1Rstd[l], n), dres);
        }
        TokenEmbedding.Backward(dres, tokens[..n], pos, G(lay.Wte, (long)lay.V * c), lay.Gpt2 ? G(lay.Wpe, (long)_model.Config.MaxPositionEmbeddings * c) : default, c);
    }

    public void Dispose()
    {
        _arena.Dispose();
        _rope?.Dispose();
        Gradients.Dispose();
    }
}
