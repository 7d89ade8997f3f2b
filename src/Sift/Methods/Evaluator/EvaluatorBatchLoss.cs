namespace Sift.Methods.Evaluator;

/// <summary>
/// The evaluator loss of one batch as a <see cref="Sift.Model.TrainingGraph.LogitLoss"/>: rows come in
/// pairs, row 2p a correct solution (X⁺) and row 2p+1 an incorrect one (X⁻) of the same problem, each
/// right-padded, its label read at <c>labelPositions[row]</c> (the last input token). Loss =
/// mean label cross-entropy over rows and/or mean margin loss over pairs; the logit gradient is zero
/// everywhere but the two label logits of each row's label position. Buffers are allocated once.
/// </summary>
public sealed class EvaluatorBatchLoss
{
    private readonly double[] _logits;   // [rows, 2] (l_c, l_i)
    private readonly double[] _grads;    // [rows, 2]
    private readonly double[] _pos, _neg, _gPos, _gNeg; // [pairs, 2]
    private readonly int[] _labelPositions;
    private int _rows;

    public EvaluatorBatchLoss(int maxRows, int correctId, int incorrectId, EvaluatorObjective objective, double margin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        if (maxRows % 2 != 0) throw new ArgumentException($"rows come in (correct, incorrect) pairs; {maxRows} is odd", nameof(maxRows));
        if (!(margin >= 0)) throw new ArgumentOutOfRangeException(nameof(margin), $"the margin λ must be >= 0, got {margin}");
        CorrectId = correctId;
        IncorrectId = incorrectId;
        Objective = objective;
        Margin = margin;
        _logits = new double[2 * maxRows];
        _grads = new double[2 * maxRows];
        _pos = new double[maxRows];
        _neg = new double[maxRows];
        _gPos = new double[maxRows];
        _gNeg = new double[maxRows];
        _labelPositions = new int[maxRows];
        MaxRows = maxRows;
    }

    public int MaxRows { get; }

    public int CorrectId { get; }

    public int IncorrectId { get; }

    public EvaluatorObjective Objective { get; }

    /// <summary>λ of the margin loss.</summary>
    public double Margin { get; }

    /// <summary>Sets the label position of every row of the next batch (an even count).</summary>
    /// <param name="labelPositions">[rows] index of each row's last input token.</param>
    public void SetRows(ReadOnlySpan<int> labelPositions)
    {
        if (labelPositions.Length < 2 || labelPositions.Length > MaxRows || labelPositions.Length % 2 != 0)
        {
            throw new ArgumentException($"need an even number of rows in [2, {MaxRows}], got {labelPositions.Length}");
        }
        labelPositions.CopyTo(_labelPositions);
        _rows = labelPositions.Length;
    }

    /// <summary>The <see cref="Sift.Model.TrainingGraph.LogitLoss"/>: loss, and the gradient written over the logits.</summary>
    /// <param name="logits">[B·T, V] in, ∂loss/∂logits out.</param>
    /// <param name="batch">B (must equal the rows set).</param>
    /// <param name="seq">T.</param>
    /// <param name="vocab">V.</param>
    public float Compute(Span<float> logits, int batch, int seq, int vocab)
    {
        double loss = Evaluate(logits, batch, seq, vocab);
        logits.Clear();
        for (int r = 0; r < _rows; r++)
        {
            long at = ((long)r * seq + _labelPositions[r]) * vocab;
            logits[(int)(at + CorrectId)] = (float)_grads[2 * r];
            logits[(int)(at + IncorrectId)] = (float)_grads[(2 * r) + 1];
        }
        return (float)loss;
    }

    /// <summary>The loss alone, in double precision (finite-difference checks, held-out loss).</summary>
    public double Value(ReadOnlySpan<float> logits, int batch, int seq, int vocab) => Evaluate(logits, batch, seq, vocab);

    private double Evaluate(ReadOnlySpan<float> logits, int batch, int seq, int vocab)
    {
        if (batch != _rows) throw new ArgumentException($"the batch has {batch} rows but {_rows} label positions were set");
        if ((uint)CorrectId >= (uint)vocab || (uint)IncorrectId >= (uint)vocab) throw new ArgumentException($"label ids {CorrectId}, {IncorrectId} outside the vocabulary of {vocab}");
        for (int r = 0; r < _rows; r++)
        {
            if ((uint)_labelPositions[r] >= (uint)seq) throw new ArgumentException($"row {r}: label position {_labelPositions[r]} outside [0, {seq})");
            long at = ((long)r * seq + _labelPositions[r]) * vocab;
            _logits[2 * r] = logits[(int)(at + CorrectId)];
            _logits[(2 * r) + 1] = logits[(int)(at + IncorrectId)];
        }
        Array.Clear(_grads, 0, 2 * _rows);
        double loss = 0;
        if (Objective is EvaluatorObjective.LabelCrossEntropy or EvaluatorObjective.Both)
        {
            double scale = 1.0 / _rows;
            for (int r = 0; r < _rows; r++)
            {
                var (l, gc, gi) = EvaluatorLoss.LabelCrossEntropy(_logits[2 * r], _logits[(2 * r) + 1], isCorrect: r % 2 == 0);
                loss += l * scale;
                _grads[2 * r] += gc * scale;
                _grads[(2 * r) + 1] += gi * scale;
            }
        }
        if (Objective is EvaluatorObjective.Margin or EvaluatorObjective.Both)
        {
            int pairs = _rows / 2;
            for (int p = 0; p < pairs; p++)
            {
                _pos[2 * p] = _logits[4 * p];
                _pos[(2 * p) + 1] = _logits[(4 * p) + 1];
                _neg[2 * p] = _logits[(4 * p) + 2];
                _neg[(2 * p) + 1] = _logits[(4 * p) + 3];
            }
            var gPos = _gPos.AsSpan(0, 2 * pairs);
            var gNeg = _gNeg.AsSpan(0, 2 * pairs);
            gPos.Clear();
            gNeg.Clear();
            loss += EvaluatorLoss.MarginLossBatch(_pos.AsSpan(0, 2 * pairs), _neg.AsSpan(0, 2 * pairs), Margin, gPos, gNeg);
            for (int p = 0; p < pairs; p++)
            {
                _grads[4 * p] += gPos[2 * p];
                _grads[(4 * p) + 1] += gPos[(2 * p) + 1];
                _grads[(4 * p) + 2] += gNeg[2 * p];
                _grads[(4 * p) + 3] += gNeg[(2 * p) + 1];
            }
        }
        return loss;
    }
}
