using Sift.Model.Sampling;
using Sift.Tensors;
using Sift.Tensors.Kernels;
using Sift.Tensors.Memory;

namespace Sift.Model.Generation;

/// <summary>
/// Batched autoregressive generation with a key/value cache allocated once for
/// maxBatch × maxSeq. Many sequences (different prompt lengths) run in one batch with continuous
/// batching: each prompt is prefilled on its own into a free cache slot, then all active rows
/// decode one token per step; a finished row leaves the batch at once and its slot takes the next
/// prompt. Every row's arithmetic is independent of the other rows (per-row norms, per-slot
/// attention, GEMMs whose per-element reduction order does not depend on the row count) and
/// every sequence samples from its own RNG derived from (seed, sequence index), so a sequence's
/// tokens are the same alone or in any batch.
/// </summary>
public sealed unsafe class TextGenerator : IDisposable
{
    private readonly TransformerModel _model;
    private readonly ModelLayout _lay;
    private readonly IGemm _gemm;
    private readonly BlockArena _arena = new();
    private readonly AlignedBlock? _rope;
    private readonly LogitsSampler _sampler;
    private readonly long[] _kCache, _vCache;
    private readonly long _x, _ln, _mean, _rstd, _qkv, _attn, _h, _fc, _act, _lnf, _logits;
    private readonly long _qkPre = -1, _qkRstd = -1, _qkTmp = -1;
    private readonly int _maxRows;
    private readonly int[] _rowTokens, _rowSlots, _rowPositions, _logitRows;

    /// <param name="model">The model (its weights are read, never written).</param>
    /// <param name="maxBatch">Cache slots: sequences decoded together.</param>
    /// <param name="maxSeq">Cache length per slot (prompt + completion), ≤ max_position_embeddings.</param>
    /// <param name="gemm">GEMM for prompt prefill (default: the model's). Prefill runs one prompt at a
    /// time, so its row count never depends on the batch; decode steps use <see cref="RowLinear"/>,
    /// whose per-row results are independent of the row count by construction (a blocked GEMM's,
    /// e.g. OpenBLAS's, are not).</param>
    public TextGenerator(TransformerModel model, int maxBatch, int maxSeq, IGemm? gemm = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeq, 2);
        if (maxSeq > model.Config.MaxPositionEmbeddings) throw new ArgumentOutOfRangeException(nameof(maxSeq), $"maxSeq {maxSeq} exceeds max_position_embeddings {model.Config.MaxPositionEmbeddings}");
        model.Config.CheckContext(maxSeq);
        _model = model;
        _lay = new ModelLayout(model.Config, model.Parameters);
        _gemm = gemm ?? model.Gemm;
        MaxBatch = maxBatch;
        MaxSeq = maxSeq;
        int rows = _maxRows = Math.Max(maxBatch, maxSeq);
        long kv = (long)maxBatch * maxSeq * _lay.Hkv * _lay.D;
        _kCache = new long[_lay.L];
        _vCache = new long[_lay.L];
        for (int l = 0; l < _lay.L; l++)
        {
            _kCache[l] = _arena.Reserve(kv);
            _vCache[l] = _arena.Reserve(kv);
        }
        int c = _lay.C;
        _x = _arena.Reserve((long)rows * c);
        _ln = _arena.Reserve((long)rows * c);
        _mean = _arena.Reserve(rows);
        _rstd = _arena.Reserve(rows);
        _qkv = _arena.Reserve((long)rows * _lay.QkvWidth);
        _attn = _arena.Reserve((long)rows * _lay.Hq * _lay.D);
        _h = _arena.Reserve((long)rows * c);
        _fc = _arena.Reserve((long)rows * _lay.FcWidth);
        _act = _arena.Reserve((long)rows * _lay.F);
        _lnf = _arena.Reserve((long)maxBatch * c);
        _logits = _arena.Reserve((long)maxBatch * _lay.V);
        if (_lay.QkNorm)
        {
            _qkPre = _arena.Reserve((long)rows * (_lay.Hq + _lay.Hkv) * _lay.D);
            _qkRstd = _arena.Reserve((long)rows * (_lay.Hq + _lay.Hkv));
            _qkTmp = _arena.Reserve((long)rows * _lay.Hq * _lay.D);
        }
        _arena.Allocate();
        _rowTokens = new int[rows];
        _rowSlots = new int[rows];
        _rowPositions = new int[rows];
        _logitRows = new int[maxBatch];
        _sampler = new LogitsSampler(_lay.V);
        if (!_lay.Gpt2) _rope = RopeTables.Build(model.Config, maxSeq);
    }

    /// <summary>The GEMM this generator uses for long prompts (prefill of more than <see cref="PrefillGemmRows"/> tokens).</summary>
    public IGemm Gemm => _gemm;

    /// <summary>Prompts longer than this prefill through the GEMM; shorter ones through <see cref="RowLinear"/>.</summary>
    public const int PrefillGemmRows = 48;

    public int MaxBatch { get; }

    public int MaxSeq { get; }

    /// <summary>
    /// Generates one completion per prompt. Prompts beyond <see cref="MaxBatch"/> wait for a free
    /// slot. <paramref name="decode"/> turns completion tokens into text (needed for stop strings).
    /// </summary>
    /// <param name="prompts">Prompt token ids (each non-empty, shorter than maxSeq).</param>
    /// <param name="options">Sampling, stop tokens/strings, max new tokens and the root seed.</param>
    /// <param name="decode">Token ids → text; required when <see cref="SamplingOptions.StopStrings"/> is non-empty.</param>
    /// <param name="firstSequenceIndex">Index of prompts[0] for seeding (so a split workload samples as one).</param>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<int[]> prompts, SamplingOptions options, Func<IReadOnlyList<int>, string>? decode = null, int firstSequenceIndex = 0)
    {
        options.Validate();
        if (options.StopStrings.Count > 0 && decode is null) throw new ArgumentException("stop strings need a decode callback", nameof(decode));
        var matcher = new StopStringMatcher(options.StopStrings);
        for (int i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Length == 0 || prompts[i].Length >= MaxSeq) throw new ArgumentException($"prompt {i} has {prompts[i].Length} tokens; it must have 1..{MaxSeq - 1}", nameof(prompts));
        }
        var results = new GeneratedSequence?[prompts.Count];
        var states = new SequenceState?[MaxBatch];
        var active = new List<int>(MaxBatch); // slots, in admission order
        var freeSlots = new Stack<int>(Enumerable.Range(0, MaxBatch).Reverse());
        int next = 0;
        while (next < prompts.Count || active.Count > 0)
        {
            while (freeSlots.Count > 0 && next < prompts.Count)
            {
                int slot = freeSlots.Pop();
                int index = next++;
                var st = new SequenceState(index, prompts[index], new Xoshiro256StarStar(SeedDerivation.DeriveSeed(options.Seed, "sequence/" + (firstSequenceIndex + index))));
                states[slot] = st;
                // Prefill alone: rows are the prompt's tokens at positions 0..P−1 of this slot.
                int p = st.Prompt.Length;
                for (int i = 0; i < p; i++)
                {
                    _rowTokens[i] = st.Prompt[i];
                    _rowSlots[i] = slot;
                    _rowPositions[i] = i;
                }
                _logitRows[0] = p - 1;
                RunRows(p, 1, prefill: true);
                if (Accept(st, 0, options, matcher, decode, out var done))
                {
                    results[index] = done;
                    states[slot] = null;
                    freeSlots.Push(slot);
                }
                else
                {
                    active.Add(slot);
                }
            }
            if (active.Count == 0) continue;
            // Decode: one row per active sequence, its last token at its next position.
            int m = active.Count;
            for (int r = 0; r < m; r++)
            {
                var st = states[active[r]]!;
                _rowTokens[r] = st.LastToken;
                _rowSlots[r] = active[r];
                _rowPositions[r] = st.Length - 1;
                _logitRows[r] = r;
            }
            RunRows(m, m, prefill: false);
            for (int r = m - 1; r >= 0; r--)
            {
                int slot = active[r];
                if (Accept(states[slot]!, r, options, matcher, decode, out var done))
                {
                    results[done!.Index] = done;
                    states[slot] = null;
                    active.RemoveAt(r);
                    freeSlots.Push(slot);
                }
            }
        }
        return results.Select(r => r!).ToArray();
    }

    private sealed class SequenceState(int index, int[] prompt, Xoshiro256StarStar rng)
    {
        public int Index { get; } = index;
        public int[] Prompt { get; } = prompt;
        public List<int> Generated { get; } = [];
        public Xoshiro256StarStar Rng = rng;
        public int TextLength { get; set; }
        public int Length => Prompt.Length + Generated.Count;
        public int LastToken => Generated[^1];
    }

    /// <summary>Samples the next token of a sequence from logits row <paramref name="row"/>; true when it finished.</summary>
    private bool Accept(SequenceState st, int row, SamplingOptions options, StopStringMatcher matcher, Func<IReadOnlyList<int>, string>? decode, out GeneratedSequence? done)
    {
        var logits = _arena.Block.Slice(_logits + (long)row * _lay.V, _lay.V);
        int token = _sampler.Sample(logits, options, ref st.Rng);
        st.Generated.Add(token);
        string? text = null;
        FinishReason? reason = null;
        if (decode is not null && matcher.StopStrings.Count > 0)
        {
            text = decode(st.Generated);
            int at = matcher.FindNew(text, st.TextLength);
            st.TextLength = text.Length;
            if (at >= 0)
            {
                text = text[..at];
                reason = FinishReason.StopString;
            }
        }
        if (reason is null)
        {
            if (options.IsStopToken(token)) reason = FinishReason.StopToken;
            else if (st.Generated.Count >= options.MaxNewTokens) reason = FinishReason.MaxNewTokens;
            else if (st.Length > MaxSeq) reason = FinishReason.ContextFull;
        }
        if (reason is null)
        {
            done = null;
            return false;
        }
        if (decode is not null && reason != FinishReason.StopString) text = decode(st.Generated);
        done = new GeneratedSequence(st.Index, [.. st.Generated], text, reason.Value);
        return true;
    }

    private Span<float> A(long offset, long length) => _arena.Block.Slice(offset, length);

    private Span<float> W(long offset, long length) => ModelLayout.View(_model.Weights.Pointer, offset, length);

    private void Norm(ReadOnlySpan<float> x, long w, long b, Span<float> y, int rows)
    {
        int c = _lay.C;
        if (_lay.Gpt2) LayerNorm.Forward(x, W(w, c), W(b, c), y, A(_mean, rows), A(_rstd, rows), c, _lay.Eps);
        else RmsNorm.Forward(x, W(w, c), y, A(_rstd, rows), c, _lay.Eps);
    }

    /// <summary>
    /// Runs <paramref name="rows"/> rows (_rowTokens/_rowSlots/_rowPositions) through the model,
    /// writing their keys/values into the cache, and the logits of rows _logitRows[0..logitCount)
    /// into the logits buffer.
    /// </summary>
    private void RunRows(int rows, int logitCount, bool prefill)
    {
        // Decode rows always go through RowLinear (batch-invariant). A prefill's row count is its
        // prompt length, never the batch, so it may pick by size: short prompts and the single
        // logits row are bandwidth-bound (RowLinear streams the weights once), long ones use the GEMM.
        void Project(ReadOnlySpan<float> input, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> output, int n, int inF, int outF)
        {
            if (prefill && n > PrefillGemmRows) Linear.Forward(_gemm, input, w, b, output, n, inF, outF);
            else RowLinear.Forward(input, w, b, output, n, inF, outF);
        }

        var lay = _lay;
        int c = lay.C, qkvW = lay.QkvWidth, hqd = lay.Hq * lay.D, kvd = lay.Hkv * lay.D, fcW = lay.FcWidth, f = lay.F;
        var tokens = _rowTokens.AsSpan(0, rows);
        var slots = _rowSlots.AsSpan(0, rows);
        var pos = _rowPositions.AsSpan(0, rows);
        var x = A(_x, (long)rows * c);
        TokenEmbedding.Forward(tokens, pos, W(lay.Wte, (long)lay.V * c), lay.Gpt2 ? W(lay.Wpe, (long)_model.Config.MaxPositionEmbeddings * c) : default, x, c);
        var ln = A(_ln, (long)rows * c);
        var qkv = A(_qkv, (long)rows * qkvW);
        var attn = A(_attn, (long)rows * hqd);
        var h = A(_h, (long)rows * c);
        var fc = A(_fc, (long)rows * fcW);
        var act = A(_act, (long)rows * f);
        long cacheLen = (long)MaxBatch * MaxSeq * kvd;
        for (int l = 0; l < lay.L; l++)
        {
            var o = lay.Layers[l];
            Norm(x, o.Ln1W, o.Ln1B, ln, rows);
            Project(ln, W(o.Qkv, (long)qkvW * c), W(o.QkvB, qkvW), qkv, rows, c, qkvW);
            if (lay.QkNorm)
            {
                QkNorm.Forward(qkv, qkvW, rows, lay.Hq, lay.Hkv, lay.D, W(o.QNorm, lay.D), W(o.KNorm, lay.D), lay.Eps,
                    A(_qkPre, (long)rows * (lay.Hq + lay.Hkv) * lay.D), A(_qkRstd, (long)rows * (lay.Hq + lay.Hkv)), A(_qkTmp, (long)rows * hqd));
            }
            if (!lay.Gpt2)
            {
                long half = (long)MaxSeq * (lay.D / 2);
                var cos = _rope!.Slice(0, half);
                var sin = _rope.Slice(half, half);
                RotaryEmbedding.Forward(qkv, qkv, pos, cos, sin, rows, lay.Hq, lay.D, qkvW);
                RotaryEmbedding.Forward(qkv[hqd..], qkv[hqd..], pos, cos, sin, rows, lay.Hkv, lay.D, qkvW);
            }
            var kc = A(_kCache[l], cacheLen);
            var vc = A(_vCache[l], cacheLen);
            for (int r = 0; r < rows; r++)
            {
                long at = ((long)slots[r] * MaxSeq + pos[r]) * kvd;
                qkv.Slice(r * qkvW + hqd, kvd).CopyTo(kc.Slice((int)at, kvd));
                qkv.Slice(r * qkvW + hqd + kvd, kvd).CopyTo(vc.Slice((int)at, kvd));
            }
            CachedAttention.Forward(qkv, qkvW, kc, vc, MaxSeq, slots, pos, attn, lay.Hq, lay.Hkv, lay.D);
            Project(attn, W(o.O, (long)c * hqd), W(o.OB, c), h, rows, hqd, c);
            Residual.Forward(h, x, h);
            Norm(h, o.Ln2W, o.Ln2B, ln, rows);
            Project(ln, W(o.Fc, (long)fcW * c), W(o.FcB, fcW), fc, rows, c, fcW);
            if (lay.Gpt2) GeluTanh.Forward(fc, act, f);
            else SwiGlu.Forward(fc, act, f);
            Project(act, W(o.Down, (long)c * f), W(o.DownB, c), x, rows, f, c);
            Residual.Forward(x, h, x);
        }
        // Final norm and lm_head only for the rows whose next token is wanted.
        var gathered = A(_h, (long)logitCount * c);
        for (int i = 0; i < logitCount; i++) x.Slice(_logitRows[i] * c, c).CopyTo(gathered.Slice(i * c, c));
        var lnf = A(_lnf, (long)logitCount * c);
        Norm(gathered, lay.NormW, lay.NormB, lnf, logitCount);
        Project(lnf, W(lay.LmHead, (long)lay.V * c), default, A(_logits, (long)logitCount * lay.V), logitCount, c, lay.V);
    }

    public void Dispose()
    {
        _arena.Dispose();
        _rope?.Dispose();
    }
}
