using Sift.Data.Synthetic;
using Sift.Data.Synthetic.Code;
using Sift.Data.Synthetic.General;
using Sift.Rewards;
using Sift.Sandbox;

namespace Sift.Methods.Dmt;

/// <summary>The abilities this library embeds: math (the synthetic word problems), code (Python functions run against unit tests) and general (instruction following).</summary>
public static class BuiltInAbilities
{
    /// <summary>
    /// The math task of the DMT study: one-step word problems on numbers up to 9 (the demo's task
    /// restricted to one step), so a tiny model trained from scratch reaches a math score that forgetting
    /// can visibly take away within the DMT time budget (docs/dmt.md).
    /// </summary>
    public static SynthOptions MathTask { get; } = new() { MinSteps = 1, MaxSteps = 1, MaxNumber = 9, MaxResult = 100 };

    /// <summary>"math": <see cref="SyntheticMathTask"/> scored by <see cref="MathAnswerReward"/> (final-answer accuracy).</summary>
    public static AbilityTask Math(AbilityOptions options) => Math(options, MathTask);

    /// <summary>"math" with other generator settings.</summary>
    public static AbilityTask Math(AbilityOptions options, SynthOptions synth)
    {
        ArgumentNullException.ThrowIfNull(options);
        var split = SyntheticMathTask.TrainTest(options.Seed, options.Train, options.Test, synth);
        return new AbilityTask("math", split.Train, split.Test, new MathAnswerReward());
    }

    /// <summary>"general": <see cref="GeneralInstructionTask"/> scored by <see cref="InstructionFollowingReward"/> (normalised exact match).</summary>
    public static AbilityTask General(AbilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var split = GeneralInstructionTask.TrainTest(options.Seed, options.Train, options.Test);
        return new AbilityTask("general", split.Train, split.Test, new InstructionFollowingReward());
    }

    /// <summary>
    /// "code": <see cref="SyntheticCodeTask"/> (small Python functions), scored by running each problem's
    /// unit tests in <paramref name="sandbox"/> (<see cref="CodeTestReward"/>: pass@1 of the response).
    /// </summary>
    public static AbilityTask Code(AbilityOptions options, PythonSandbox? sandbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        var split = SyntheticCodeTask.TrainTest(options.Seed, options.Train, options.Test);
        return new AbilityTask("code", split.Train, split.Test, new CodeTestReward(sandbox));
    }

    /// <summary>"code" with the sandbox's default limits.</summary>
    public static AbilityTask Code(AbilityOptions options) => Code(options, null);
}
