using System.Diagnostics;
using System.Globalization;
using Sift.Eval;
using Sift.Pipelines;
using Sift.Training.Sft;
using Sift.Inference;
using Sift.Training;

namespace Sift.Cli;

/// <summary>
/// Renders pipeline progress on the console: stage titles and results on stdout, a one-line
/// progress bar (steps or samples, tokens/s, ETA) on stderr, redrawn at most 5 times a second;
/// when stderr is redirected it prints a line every 10 % instead.
/// </summary>
public sealed class ConsoleProgress : IProgressReporter
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly object _gate = new();
    private int _lastDecile = -1;
    private bool _lineOpen;

    public void Stage(string title)
    {
        lock (_gate)
        {
            EndLine();
            _lastDecile = -1;
            Console.WriteLine($"== {title}");
        }
    }

    public void Info(string message)
    {
        lock (_gate)
        {
            EndLine();
            Console.WriteLine($"   {message}");
        }
    }

    public IProgress<SftProgress>? Training(string label) => new Sink<SftProgress>(p => Draw(p.Step, p.TotalSteps, p.Remaining, string.Format(CultureInfo.InvariantCulture,
        "step {0}/{1} epoch {2:F2} loss {3:F3} lr {4:G3} {5:F0} tok/s", p.Step, p.TotalSteps, p.Epoch, p.Loss, p.LearningRate, p.TokensPerSecond)));

    public IProgress<SamplingProgress>? Sampling(string label) => new Sink<SamplingProgress>(p => Draw(p.Done, p.Total, p.Remaining, string.Format(CultureInfo.InvariantCulture,
        "{0}/{1} completions {2:F0} tok/s", p.Done, p.Total, p.TokensPerSecond)));

    /// <summary>Ends the progress line before other output.</summary>
    public void EndLine()
    {
        if (_lineOpen)
        {
            Console.Error.WriteLine();
            _lineOpen = false;
        }
    }

    private void Draw(long done, long total, TimeSpan remaining, string text)
    {
        lock (_gate)
        {
            double fraction = total == 0 ? 1 : (double)done / total;
            if (_interactive)
            {
                if (done < total && _sinceDraw.ElapsedMilliseconds < 200) return;
                _sinceDraw.Restart();
                int width = 24;
                int filled = (int)Math.Round(fraction * width);
                Console.Error.Write($"\r   [{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {text} ETA {Format(remaining)}   ");
                _lineOpen = true;
            }
            else
            {
                int decile = (int)(fraction * 10);
                if (decile == _lastDecile) return;
                _lastDecile = decile;
                Console.Error.WriteLine($"   {fraction,4:P0} {text} ETA {Format(remaining)}");
            }
        }
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private sealed class Sink<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
