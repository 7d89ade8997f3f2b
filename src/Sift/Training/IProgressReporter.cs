using Sift.Inference;
using Sift.Training.Sft;

namespace Sift.Training;

/// <summary>How a method or pipeline tells its caller what it is doing (the CLI draws progress bars; tests pass <see cref="Silent"/>).</summary>
public interface IProgressReporter
{
    /// <summary>A new stage begins.</summary>
    void Stage(string title);

    /// <summary>A line of information (a result, a statistic).</summary>
    void Info(string message);

    /// <summary>Progress sink of a training job (null: none).</summary>
    IProgress<SftProgress>? Training(string label);

    /// <summary>Progress sink of a sampling job (null: none).</summary>
    IProgress<SamplingProgress>? Sampling(string label);

    /// <summary>A reporter that reports nothing.</summary>
    public static IProgressReporter Silent { get; } = new SilentReporter();

    private sealed class SilentReporter : IProgressReporter
    {
        public void Stage(string title) { }
        public void Info(string message) { }
        public IProgress<SftProgress>? Training(string label) => null;
        public IProgress<SamplingProgress>? Sampling(string label) => null;
    }
}
