using Sift.Data;
using Sift.Model;
using Sift.Runs;
using Sift.Training.Sft;

namespace Sift.Tests.Training.Sft;

public sealed class ResumeTests
{
    private static readonly SftOptions Options = new() { MaxSteps = 9, BatchSize = 8, BucketWindow = 2, LearningRate = 3e-3, WarmupFraction = 0.2, CheckpointEvery = 3, Seed = 4 };

    private static IReadOnlyList<SftExample> Examples()
    {
        var builder = new SftExampleBuilder(SftTestData.Tokenizer, PromptTemplate.Plain, 97);
        return builder.FromProblems(SftTestData.Train.Take(40), out _);
    }

    [Fact]
    public void Killed_mid_epoch_and_resumed_gives_the_same_weights_bit_for_bit()
    {
        var examples = Examples();
        var config = SftTestData.TinyConfig();
        float[] uninterrupted;
        using (var model = TransformerModel.Create(config, 11))
        {
            var run = RunDirectory.Open(SftTestData.TempDir("resume-a"));
            var result = new SftTrainer(model, SftTestData.Tokenizer, Options).Train(examples, run: run);
            Assert.True(result.Completed);
            Assert.Equal(9, result.Steps);
            uninterrupted = model.Weights.Span.ToArray();
        }
        var dir = SftTestData.TempDir("resume-b");
        using (var model = TransformerModel.Create(config, 11))
        {
            // "Kill" after step 7 (mid-epoch: 40 examples / 8 = 5 steps per epoch): the last checkpoint is step 6.
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress(p => { if (p.Step == 7) cts.Cancel(); });
            var result = new SftTrainer(model, SftTestData.Tokenizer, Options).Train(examples, run: RunDirectory.Open(dir), progress: progress, cancellationToken: cts.Token);
            Assert.False(result.Completed);
            Assert.Equal(7, result.Steps);
        }
        // A new process: fresh weights from another seed, everything restored from the checkpoint.
        using (var model = TransformerModel.Create(config, 999))
        {
            var result = new SftTrainer(model, SftTestData.Tokenizer, Options).Train(examples, run: RunDirectory.Open(dir));
            Assert.True(result.Completed);
            Assert.Equal(6, result.ResumedFromStep);
            Assert.Equal(uninterrupted, model.Weights.Span.ToArray());
        }
        var (final, _) = SavedModel.Load(Path.Combine(dir, "checkpoints", "final"));
        using (final) Assert.Equal(uninterrupted, final.Weights.Span.ToArray());
    }

    [Fact]
    public void Resuming_with_other_data_is_refused()
    {
        var examples = Examples();
        var dir = RunDirectory.Open(SftTestData.TempDir("resume-c"));
        using var model = TransformerModel.Create(SftTestData.TinyConfig(), 1);
        new SftTrainer(model, SftTestData.Tokenizer, Options with { MaxSteps = 3 }).Train(examples, run: dir);
        var e = Assert.Throws<InvalidOperationException>(() => new SftTrainer(model, SftTestData.Tokenizer, Options with { MaxSteps = 3 }).Train(examples.Skip(1).ToArray(), run: dir));
        Assert.Contains("examples", e.Message);
    }

    [Fact]
    public void Training_lowers_the_held_out_loss()
    {
        var examples = Examples();
        using var model = TransformerModel.Create(SftTestData.TinyConfig(), 3);
        var trainer = new SftTrainer(model, SftTestData.Tokenizer, Options with { MaxSteps = 15 });
        var before = new SftTrainer(model, SftTestData.Tokenizer, Options with { MaxSteps = 1, LearningRate = 1e-9 }).Train(examples, examples).EvalLoss;
        var after = trainer.Train(examples, examples).EvalLoss;
        Assert.True(after < before - 0.5, $"held-out loss {before} -> {after}");
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the callback on the training thread.</summary>
    private sealed class SyncProgress(Action<SftProgress> action) : IProgress<SftProgress>
    {
        public void Report(SftProgress value) => action(value);
    }
}
