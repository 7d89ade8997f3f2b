using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sift.Methods.RestEm;

/// <summary>
/// The outcome of a ReST-EM run: the starting (SFT) model's test greedy accuracy and one row per
/// finished iteration. <see cref="ToJson"/> is the <c>"restem"</c> object of the demo's results.json:
/// <c>{"sft_greedy": x, "iterations": [{"iteration": 1, "test_greedy": x, "train_solved": x, "kept_samples": n, ...}, ...]}</c>.
/// </summary>
/// <param name="SftGreedy">Test greedy accuracy of the model the first E-step samples from.</param>
/// <param name="SftValidationReward">Its validation reward (null without validation problems).</param>
/// <param name="Iterations">Finished iterations in order.</param>
/// <param name="BestIteration">Iteration with the highest validation reward (0: the starting model; null without validation problems).</param>
/// <param name="StopReason">Why the run ended before its last iteration (null: it ran them all).</param>
public sealed record RestEmResults(double SftGreedy, double? SftValidationReward, IReadOnlyList<RestEmIteration> Iterations, int? BestIteration, string? StopReason)
{
    public JsonObject ToJson() => new()
    {
        ["sft_greedy"] = SftGreedy,
        ["sft_validation_reward"] = SftValidationReward,
        ["iterations"] = new JsonArray(Iterations.Select(i => (JsonNode)i.ToJson()).ToArray()),
        ["best_iteration"] = BestIteration,
        ["stop_reason"] = StopReason,
    };

    /// <summary>A plain-text table of the curve over iterations.</summary>
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("iteration  test_greedy  train_solved  kept  validation_reward");
        sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,9}  {1,11:P1}  {2,12}  {3,4}  {4,17}", "SFT", SftGreedy, "-", "-", Format(SftValidationReward)));
        foreach (var i in Iterations)
        {
            sb.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,9}  {1,11:P1}  {2,12:P1}  {3,4}  {4,17}", i.Iteration, i.TestGreedy, i.TrainSolved, i.KeptSamples, Format(i.ValidationReward)));
        }
        if (BestIteration is { } b) sb.AppendLine(CultureInfo.InvariantCulture, $"best iteration by validation reward: {b}");
        if (StopReason is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"stopped: {StopReason}");
        return sb.ToString();
    }

    private static string Format(double? v) => v is { } x ? x.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
