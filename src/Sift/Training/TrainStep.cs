using Sift.Model;
using Sift.Tensors.Kernels;
using Sift.Tensors.Memory;

namespace Sift.Training;

/// <summary>
/// One optimizer step over micro-batches: forward, weighted cross-entropy, backward (gradients
/// accumulate over micro-batches, normalised by the step's total weight), global-norm clipping,
/// AdamW (decay on 2-D parameters only) with warm-up + cosine learning rate. Gradients,
/// activations and both AdamW moments are allocated here once; <see cref="Run(ReadOnlySpan{MicroBatch})"/>
/// allocates nothing proportional to the model.
/// </summary>
public sealed class TrainStep : IDisposable
{
    private readonly TransformerModel _model;
    private readonly double[] _partials;
    private readonly (long Offset, long Length, bool Decay)[] _runs;

    public TrainStep(TransformerModel model, int maxBatch, int maxSeq, TrainStepOptions options)
    {
        _model = model;
        Options = options;
        Graph = new TrainingGraph(model, maxBatch, maxSeq);
        FirstMoment = new AlignedBlock(model.Parameters.TotalSize);
        SecondMoment = new AlignedBlock(model.Parameters.TotalSize);
        _partials = new double[SumOfSquares.PartialCount(model.Weights.Length)];
        // Contiguous runs of parameters sharing the decay flag (padding between them is zero and stays zero).
        var runs = new List<(long, long, bool)>();
        foreach (var p in model.Parameters.Entries)
        {
            if (runs.Count > 0 && runs[^1].Item3 == p.Decay)
            {
                var last = runs[^1];
                runs[^1] = (last.Item1, p.Offset + p.Size - last.Item1, last.Item3);
            }
            else
            {
                runs.Add((p.Offset, p.Size, p.Decay));
            }
        }
        _runs = [.. runs];
    }

    public TrainStepOptions Options { get; set; }

    public TrainingGraph Graph { get; }

    /// <summary>AdamW first moment (exp_avg), laid out like the weights.</summary>
    public AlignedBlock FirstMoment { get; }

    /// <summary>AdamW second moment (exp_avg_sq), laid out like the weights.</summary>
    public AlignedBlock SecondMoment { get; }

    /// <summary>Steps taken so far (AdamW's t after the step; restored when resuming).</summary>
    public int StepCount { get; set; }

    /// <summary>One step on a single micro-batch.</summary>
    public TrainStepResult Run(in MicroBatch batch) => Run(new ReadOnlySpan<MicroBatch>(in batch));

    /// <summary>One step accumulating gradients over <paramref name="microBatches"/>.</summary>
    public TrainStepResult Run(ReadOnlySpan<MicroBatch> microBatches)
    {
        double denominator = 0;
        foreach (ref readonly var mb in microBatches)
        {
            var w = mb.Weights.AsSpan(0, mb.Batch * mb.Seq);
            for (int i = 0; i < w.Length; i++) denominator += w[i];
        }
        Graph.ZeroGradients();
        float loss = 0;
        if (denominator > 0)
        {
            foreach (ref readonly var mb in microBatches)
            {
                loss += Graph.ForwardBackward(mb.Tokens, mb.Targets, mb.Weights, mb.Batch, mb.Seq, (float)denominator);
            }
        }
        float norm = (float)Math.Sqrt(SumOfSquares.Compute(Graph.Gradients.Span, _partials));
        float scale = 1f;
        if (Options.MaxGradNorm > 0 && norm > Options.MaxGradNorm) scale = Options.MaxGradNorm / (norm + 1e-6f);
        float lr = TrainStepSchedule.LearningRate(Options, StepCount);
        int t = ++StepCount;
        foreach (var (offset, length, decay) in _runs)
        {
            AdamWUpdate.Step(_model.Weights.Slice(offset, length), Graph.Gradients.Slice(offset, length), FirstMoment.Slice(offset, length), SecondMoment.Slice(offset, length),
                lr, Options.Beta1, Options.Beta2, Options.Epsilon, decay ? Options.WeightDecay : 0f, t, scale);
        }
        return new TrainStepResult(t, loss, norm, lr, denominator);
    }

    public void Dispose()
    {
        Graph.Dispose();
        FirstMoment.Dispose();
        SecondMoment.Dispose();
    }
}
