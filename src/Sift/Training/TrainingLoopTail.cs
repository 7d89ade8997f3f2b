using System.Diagnostics;
using System.Text.Json.Nodes;
using Sift.Model;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;

namespace Sift.Training;

/// <summary>
/// What a trainer's step loop does around each optimizer step whatever the objective: stops on
/// cancellation, keeps the windowed loss and the throughput, reports progress, writes the periodic
/// train record, saves <c>checkpoints/last</c> on its cadence and the final model at the end. The SFT and
/// evaluator trainers share it so they log, checkpoint and resume alike; it never touches weights.
/// </summary>
internal sealed class TrainingLoopTail
{
    private readonly MetricsLog? _log;
    private readonly string _eventPrefix;
    private readonly string _trainEvent;
    private readonly bool _logEpoch;
    private readonly long _totalSteps;
    private readonly int _stepsPerEpoch;
    private readonly long _resumedFrom;
    private readonly int _logEvery;
    private readonly int _checkpointEvery;
    private readonly string? _checkpointDir;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _windowLoss;
    private int _windowSteps;

    /// <param name="log">The run's log (null: no run directory).</param>
    /// <param name="eventPrefix">Prefix of the cancelled/end events ("sft" → "sft_cancelled", "sft_end").</param>
    /// <param name="trainEvent">Event name of the periodic training record.</param>
    /// <param name="logEpoch">Whether that record carries the fractional epoch.</param>
    /// <param name="checkpointDir"><c>checkpoints/last</c> (null: no checkpoints).</param>
    public TrainingLoopTail(MetricsLog? log, string eventPrefix, string trainEvent, bool logEpoch,
        long totalSteps, int stepsPerEpoch, long resumedFrom, int logEvery, int checkpointEvery, string? checkpointDir)
    {
        _log = log;
        _eventPrefix = eventPrefix;
        _trainEvent = trainEvent;
        _logEpoch = logEpoch;
        _totalSteps = totalSteps;
        _stepsPerEpoch = stepsPerEpoch;
        _resumedFrom = resumedFrom;
        _logEvery = logEvery;
        _checkpointEvery = checkpointEvery;
        _checkpointDir = checkpointDir;
    }

    /// <summary>Input tokens (padding included) trained on by this process.</summary>
    public long TokensSeen { get; private set; }

    /// <summary>Mean training loss of the last logged window (NaN before the first).</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Wall time since the loop started in this process.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Training throughput of this process.</summary>
    public double TokensPerSecond => TokensSeen / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);

    /// <summary>Total optimizer steps: <paramref name="maxSteps"/> when set, else ⌈epochs × steps per epoch⌉ (at least 1).</summary>
    public static int TotalSteps(int maxSteps, double epochs, int stepsPerEpoch) =>
        maxSteps > 0 ? maxSteps : Math.Max(1, (int)Math.Ceiling(epochs * stepsPerEpoch));

    /// <summary>Counts the input tokens of the step about to be reported.</summary>
    public void AddTokens(long tokens) => TokensSeen += tokens;

    /// <summary>True, after logging the cancelled event, when <paramref name="cancellationToken"/> asks to stop before <paramref name="step"/>.</summary>
    public bool Cancelled(long step, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested) return false;
        _log?.Write(_eventPrefix + "_cancelled", new JsonObject { ["step"] = step });
        return true;
    }

    /// <summary>Accounts for the step just taken: progress, and the train record every log_every steps and at the last. Returns whether it was the last step.</summary>
    public bool Record(TrainStepResult result, IProgress<SftProgress>? progress)
    {
        long s = result.Step;
        _windowLoss += result.Loss;
        _windowSteps++;
        double seconds = _clock.Elapsed.TotalSeconds;
        double perStep = seconds / (s - _resumedFrom);
        progress?.Report(new SftProgress(s, _totalSteps, (double)s / _stepsPerEpoch, result.Loss, result.LearningRate,
            TokensSeen / Math.Max(1e-9, seconds), _clock.Elapsed, TimeSpan.FromSeconds(perStep * (_totalSteps - s))));
        bool last = s == _totalSteps;
        if (s % _logEvery == 0 || last)
        {
            LastLoss = _windowLoss / _windowSteps;
            var record = new JsonObject { ["step"] = s };
            if (_logEpoch) record["epoch"] = Math.Round((double)s / _stepsPerEpoch, 4);
            record["loss"] = Math.Round(LastLoss, 5);
            record["lr"] = result.LearningRate;
            record["grad_norm"] = result.GradNorm;
            record["tokens_per_s"] = Math.Round(TokensSeen / Math.Max(1e-9, seconds), 1);
            _log?.Write(_trainEvent, record);
            _windowLoss = 0;
            _windowSteps = 0;
        }
        return last;
    }

    /// <summary>Runs <paramref name="save"/> on <c>checkpoints/last</c> every checkpoint_every steps and at the last step (never without a run directory).</summary>
    public void CheckpointIfDue(long step, bool last, Action<string> save)
    {
        if (_checkpointDir is not null && ((_checkpointEvery > 0 && step % _checkpointEvery == 0) || last))
        {
            save(_checkpointDir);
        }
    }

    /// <summary>Saves the trained model to <c>checkpoints/final</c> of <paramref name="run"/>, when there is one.</summary>
    public static void SaveFinal(RunDirectory? run, TransformerModel model, BpeTokenizer tokenizer)
    {
        if (run is not null) SavedModel.Save(run.CheckpointDir("final"), model, tokenizer);
    }

    /// <summary>Logs the end event (steps, seconds, and the throughput when <paramref name="logThroughput"/>); returns the throughput.</summary>
    public double End(long steps, bool logThroughput)
    {
        double tps = TokensPerSecond;
        var record = new JsonObject { ["steps"] = steps, ["seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 2) };
        if (logThroughput) record["tokens_per_s"] = Math.Round(tps, 1);
        _log?.Write(_eventPrefix + "_end", record);
        return tps;
    }
}
