using Sift.Data;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Text;
using Sift.Training;

namespace Sift.Pipelines.Sweeps;

/// <summary>Everything a trial needs: its point, settings, directories and data (shared, read-only).</summary>
/// <param name="Point">The grid point.</param>
/// <param name="Sweep">The sweep's settings (e.g. every RFT k, to sample once for all of them).</param>
/// <param name="Experiment">The base experiment with the point's model shape.</param>
/// <param name="Directory">The trial's own directory (RUN/trials/&lt;name&gt;).</param>
/// <param name="Shared">RUN/shared: work several trials reuse (an RFT trial's SFT model and samples).</param>
/// <param name="FullTrain">The whole training set.</param>
/// <param name="Train">The point's training problems: the first <see cref="SweepPoint.Amount"/> of <paramref name="FullTrain"/>.</param>
/// <param name="Test">Test problems (greedy accuracy).</param>
/// <param name="HeldOut">Held-out (question, solution) pairs from the head of the test set (held-out loss).</param>
/// <param name="Tokenizer">The sweep's tokenizer (trained once on the full training set).</param>
/// <param name="Template">Prompt template.</param>
/// <param name="Reporter">Progress.</param>
public sealed record SweepTrialContext(
    SweepPoint Point,
    SweepOptions Sweep,
    ExperimentOptions Experiment,
    RunDirectory Directory,
    RunDirectory Shared,
    IReadOnlyList<MathProblem> FullTrain,
    IReadOnlyList<MathProblem> Train,
    IReadOnlyList<MathProblem> Test,
    IReadOnlyList<(string Question, string Response)> HeldOut,
    BpeTokenizer Tokenizer,
    PromptTemplate Template,
    IProgressReporter Reporter);
