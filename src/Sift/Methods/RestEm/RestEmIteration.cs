using System.Text.Json.Nodes;

namespace Sift.Methods.RestEm;

/// <summary>The measurements of one finished ReST-EM iteration (<c>iter-N/iteration.json</c>).</summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="TestGreedy">Greedy accuracy of the iteration's model on the test set.</param>
/// <param name="TrainSolved">Fraction of training problems with at least one rewarded E-step sample (from the model that sampled this iteration).</param>
/// <param name="KeptSamples">Samples the M-step trained on (after the per-problem cap).</param>
/// <param name="RewardedSamples">Rewarded samples before the cap.</param>
/// <param name="ValidationReward">Mean reward of greedy solutions on the validation problems (null without them).</param>
/// <param name="MStepStart">Where the M-step started: <c>base</c> or <c>previous</c>.</param>
/// <param name="Steps">M-step optimizer steps.</param>
/// <param name="ModelDir">The iteration's model directory.</param>
public sealed record RestEmIteration(int Iteration, double TestGreedy, double TrainSolved, int KeptSamples, long RewardedSamples, double? ValidationReward, string MStepStart, long Steps, string ModelDir)
{
    public JsonObject ToJson() => new()
    {
        ["iteration"] = Iteration,
        ["test_greedy"] = TestGreedy,
        ["train_solved"] = TrainSolved,
        ["kept_samples"] = KeptSamples,
        ["rewarded_samples"] = RewardedSamples,
        ["validation_reward"] = ValidationReward,
        ["m_step_start"] = MStepStart,
        ["steps"] = Steps,
        ["model"] = ModelDir,
    };

    /// <summary>Reads <see cref="ToJson"/>'s object; errors name <paramref name="source"/> and the field.</summary>
    public static RestEmIteration FromJson(JsonNode? node, string source)
    {
        var o = node as JsonObject ?? throw new InvalidDataException($"{source}: expected a JSON object");
        T Get<T>(string name) => o[name] is { } v ? v.GetValue<T>() : throw new InvalidDataException($"{source}: missing field '{name}'");
        return new RestEmIteration(
            Get<int>("iteration"),
            Get<double>("test_greedy"),
            Get<double>("train_solved"),
            Get<int>("kept_samples"),
            Get<long>("rewarded_samples"),
            o["validation_reward"]?.GetValue<double>(),
            Get<string>("m_step_start"),
            Get<long>("steps"),
            Get<string>("model"));
    }
}
