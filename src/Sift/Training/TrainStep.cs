using Sift.Model;
using Sift.Tensors.Memory;

namespace Sift.Training;

/// <summary>
/// One optimizer step over micro-batches: forward, weighted cross-entropy, backward (gradients
/// accumulate over micro-batches, normalised by the step's total weight), global-norm clipping,
/// AdamW (decay on 2-D parameters only) at the warm-up + cosine learning rate. Gradients,
/// activations and both AdamW moments are allocated here once; a step allocates nothing
/// proportional to the model (only the thread pool's bookkeeping).
/// </summary>
public sealed class TrainStep : IDisposable
{
    private readonly TransformerModel _model;
    private readonly AdamW _adam;

    public TrainStep(TransformerModel model, int maxBatch, int maxSeq, TrainStepOptions options)
    {
        options.Schedule.Validate();
        _model = model;
        Options = options;
        Graph = new TrainingGraph(model, maxBatch, maxSeq);
        FirstMoment = new AlignedBlock(model.Parameters.TotalSize);
        SecondMoment = new AlignedBlock(model.Parameters.TotalSize);
        var segments = model.Parameters.Entries.Select(p => new ParameterSegment(checked((int)p.Offset), checked((int)p.Size), p.Decay)).ToList();
        _adam = new AdamW(options.Optimizer, segments);
    }

    public TrainStepOptions Options { get; }

    public TrainingGraph Graph { get; }

    public TransformerModel Model => _model;

    /// <summary>AdamW first moment (exp_avg), laid out like the weights.</summary>
    public AlignedBlock FirstMoment { get; }

    /// <summary>AdamW second moment (exp_avg_sq), laid out like the weights.</summary>
    public AlignedBlock SecondMoment { get; }

    /// <summary>Steps taken so far (AdamW's t; set it when resuming).</summary>
    public long StepCount
    {
        get => _adam.StepCount;
        set => _adam.StepCount = value;
    }

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
        float norm = GradientClipping.ClipGlobalNorm(Graph.Gradients.Span, Options.MaxGradNorm);
        double lr = Options.Schedule.At(_adam.StepCount);
        _adam.Update(_model.Weights.Span, Graph.Gradients.Span, FirstMoment.Span, SecondMoment.Span, lr);
        return new TrainStepResult(_adam.StepCount, loss, norm, lr, denominator);
    }

    /// <summary>
    /// One step on a single micro-batch whose loss is supplied by the caller on the logits
    /// (<see cref="TrainingGraph.LogitLoss"/>, e.g. the evaluator's label loss), with the same clipping,
    /// schedule and AdamW as <see cref="Run(ReadOnlySpan{MicroBatch})"/>. The loss must already be a
    /// mean (it is not divided by a token weight); the result's TokenWeight is the row count.
    /// </summary>
    /// <param name="tokens">[B·T] input ids.</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="loss">Reads the logits and writes their gradient in place.</param>
    public TrainStepResult Run(ReadOnlySpan<int> tokens, int batch, int seq, TrainingGraph.LogitLoss loss)
    {
        Graph.ZeroGradients();
        float value = Graph.ForwardBackward(tokens, batch, seq, loss);
        float norm = GradientClipping.ClipGlobalNorm(Graph.Gradients.Span, Options.MaxGradNorm);
        double lr = Options.Schedule.At(_adam.StepCount);
        _adam.Update(_model.Weights.Span, Graph.Gradients.Span, FirstMoment.Span, SecondMoment.Span, lr);
        return new TrainStepResult(_adam.StepCount, value, norm, lr, batch);
    }

    public void Dispose()
    {
        Graph.Dispose();
        FirstMoment.Dispose();
        SecondMoment.Dispose();
    }
}
