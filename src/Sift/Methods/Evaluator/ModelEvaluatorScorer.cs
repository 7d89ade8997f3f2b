using Sift.Eval.Selection;
using Sift.Model;
using Sift.Runs;
using Sift.Text;

namespace Sift.Methods.Evaluator;

/// <summary>
/// An <see cref="IScorer"/> backed by a trained evaluator model: evaluator inputs
/// (<see cref="EvaluatorEncoding"/>) are sorted by length, right-padded in batches, run through
/// <see cref="TrainingGraph.Forward"/>, and each row's two label logits at its last input token become
/// S = σ(l_c − l_i) (<see cref="EvaluatorLoss.Score"/>). The kernels parallelise inside one batch; the
/// scorer itself is single-threaded: calls are serialised by a lock, so it is safe, not concurrent,
/// to share. Scores do not depend on the batch size beyond float rounding of the padded GEMMs.
/// </summary>
public sealed class ModelEvaluatorScorer : IScorer, IDisposable
{
    private readonly object _gate = new();
    private readonly bool _ownsModel;
    private readonly TrainingGraph _graph;
    private readonly int[] _tokens;

    public ModelEvaluatorScorer(TransformerModel model, BpeTokenizer tokenizer, int batchSize = 32, bool ownsModel = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Model = model;
        Encoding = new EvaluatorEncoding(tokenizer, model.Config.MaxPositionEmbeddings);
        BatchSize = batchSize;
        _ownsModel = ownsModel;
        _graph = new TrainingGraph(model, batchSize, model.Config.MaxPositionEmbeddings);
        _tokens = new int[batchSize * model.Config.MaxPositionEmbeddings];
    }

    /// <summary>Loads a saved model directory (<see cref="SavedModel"/>: config, weights, tokenizer) as an evaluator.</summary>
    public static ModelEvaluatorScorer Load(string modelDirectory, int batchSize = 32)
    {
        var (model, tokenizer) = SavedModel.Load(modelDirectory);
        try
        {
            return new ModelEvaluatorScorer(model, tokenizer, batchSize, ownsModel: true);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public TransformerModel Model { get; }

    public EvaluatorEncoding Encoding { get; }

    public int BatchSize { get; }

    /// <summary>S for one (problem, solution). Batch with <see cref="ScoreAll"/> when scoring many.</summary>
    public double Score(string problem, string solution) => ScoreInputs([Encoding.Input(problem, solution)])[0];

    /// <summary>S for every (problem, solution), in input order.</summary>
    public double[] ScoreAll(IReadOnlyList<(string Problem, string Solution)> items) =>
        ScoreInputs(items.Select(i => Encoding.Input(i.Problem, i.Solution)).ToArray());

    /// <summary>S for every encoded evaluator input (<see cref="EvaluatorEncoding.Input"/>), in input order.</summary>
    public double[] ScoreInputs(IReadOnlyList<int[]> inputs)
    {
        var logits = LabelLogits(inputs);
        var scores = new double[inputs.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = EvaluatorLoss.Score(logits[i].LogitCorrect, logits[i].LogitIncorrect);
        return scores;
    }

    /// <summary>The label logits (l_c, l_i) of every input, in input order.</summary>
    public (double LogitCorrect, double LogitIncorrect)[] LabelLogits(IReadOnlyList<int[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int context = Model.Config.MaxPositionEmbeddings, vocab = Model.Config.VocabSize;
        var result = new (double, double)[inputs.Count];
        // Length-sorted batches waste little on padding; each row's output goes back to its index.
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ToArray();
        lock (_gate)
        {
            for (int start = 0; start < order.Length; start += BatchSize)
            {
                int batch = Math.Min(BatchSize, order.Length - start);
                int seq = 1;
                for (int r = 0; r < batch; r++)
                {
                    int len = inputs[order[start + r]].Length;
                    if (len < 1 || len > context) throw new ArgumentException($"input {order[start + r]} has {len} tokens; need 1 to {context}");
                    seq = Math.Max(seq, len);
                }
                var tokens = _tokens.AsSpan(0, batch * seq);
                for (int r = 0; r < batch; r++)
                {
                    var input = inputs[order[start + r]];
                    var row = tokens.Slice(r * seq, seq);
                    input.CopyTo(row);
                    row[input.Length..].Fill(Encoding.Tokenizer.PadId);
                }
                var logits = _graph.Forward(tokens, batch, seq);
                for (int r = 0; r < batch; r++)
                {
                    int i = order[start + r];
                    long at = ((long)r * seq + inputs[i].Length - 1) * vocab;
                    result[i] = (logits[(int)(at + Encoding.CorrectId)], logits[(int)(at + Encoding.IncorrectId)]);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The problems with every unscored sample scored in batches (existing scores kept): the batched
    /// form of <see cref="SampleScoring.FillMissing"/>. A problem with unscored samples needs its text.
    /// </summary>
    public IReadOnlyList<Sift.Eval.Selection.ProblemSamples> FillMissing(IReadOnlyList<Sift.Eval.Selection.ProblemSamples> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var inputs = new List<int[]>();
        var where = new List<(int Problem, int Sample)>();
        for (int p = 0; p < problems.Count; p++)
        {
            var problem = problems[p];
            for (int i = 0; i < problem.Count; i++)
            {
                if (problem.Samples[i].Score is not null) continue;
                if (problem.Problem is null) throw new InvalidOperationException($"problem {p}: samples lack scores and the row has no \"problem\" (or \"question\") text to score them with");
                inputs.Add(Encoding.Input(problem.Problem, problem.Samples[i].Text));
                where.Add((p, i));
            }
        }
        var scores = ScoreInputs(inputs);
        var samples = problems.Select(p => p.Samples.ToArray()).ToArray();
        for (int j = 0; j < scores.Length; j++)
        {
            var (p, i) = where[j];
            samples[p][i] = samples[p][i].WithScore(scores[j]);
        }
        return problems.Select((p, k) => p.AllScored ? p : p.WithSamples(samples[k])).ToArray();
    }

    public void Dispose()
    {
        _graph.Dispose();
        if (_ownsModel) Model.Dispose();
    }
}
