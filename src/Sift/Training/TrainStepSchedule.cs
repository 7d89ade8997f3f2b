namespace Sift.Training;

/// <summary>Linear warm-up from 0 to the peak over the warm-up steps, then cosine to the minimum at the total step count (SGDR, Loshchilov &amp; Hutter 2017, without restarts).</summary>
public static class TrainStepSchedule
{
    /// <summary>Learning rate for the step with 0-based index <paramref name="step"/>.</summary>
    public static float LearningRate(TrainStepOptions o, int step)
    {
        if (step < o.WarmupSteps) return o.LearningRate * (step + 1) / o.WarmupSteps;
        double progress = Math.Clamp((double)(step - o.WarmupSteps) / Math.Max(1, o.TotalSteps - o.WarmupSteps), 0, 1);
        return (float)(o.MinLearningRate + 0.5 * (o.LearningRate - o.MinLearningRate) * (1 + Math.Cos(Math.PI * progress)));
    }
}
