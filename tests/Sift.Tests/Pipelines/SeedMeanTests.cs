using System.Text.Json.Nodes;
using Sift.Pipelines;

namespace Sift.Tests.Pipelines;

public sealed class SeedMeanTests
{
    [Fact]
    public void Numbers_average_field_by_field_through_objects_and_arrays_and_per_seed_is_kept()
    {
        var a = new JsonObject { ["sft_greedy"] = 0.2, ["iterations"] = new JsonArray(new JsonObject { ["iteration"] = 1, ["test_greedy"] = 0.3 }, new JsonObject { ["iteration"] = 2, ["test_greedy"] = 0.5 }), ["name"] = "x" };
        var b = new JsonObject { ["sft_greedy"] = 0.4, ["iterations"] = new JsonArray(new JsonObject { ["iteration"] = 1, ["test_greedy"] = 0.1 }), ["name"] = "x" };
        var mean = SeedMean.WithPerSeed([(1, a), (2, b)]);
        Assert.Equal(0.3, mean["sft_greedy"]!.GetValue<double>(), 12);
        var its = mean["iterations"]!.AsArray();
        Assert.Equal(1, its[0]!["iteration"]!.GetValue<int>());
        Assert.Equal(0.2, its[0]!["test_greedy"]!.GetValue<double>(), 12);
        // Only seed 1 reached iteration 2: its mean is seed 1's value.
        Assert.Equal(0.5, its[1]!["test_greedy"]!.GetValue<double>(), 12);
        Assert.Equal("x", mean["name"]!.GetValue<string>());
        Assert.Equal([1, 2], mean["per_seed"]!.AsArray().Select(p => p!["seed"]!.GetValue<int>()));
        Assert.Equal(0.4, mean["per_seed"]![1]!["sft_greedy"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Fields_some_seeds_lack_and_disagreeing_strings_have_no_mean()
    {
        var mean = (JsonObject)SeedMean.Of([new JsonObject { ["a"] = 1.0, ["s"] = "p", ["only"] = 2.0 }, new JsonObject { ["a"] = 3.0, ["s"] = "q" }])!;
        Assert.Equal(2.0, mean["a"]!.GetValue<double>());
        Assert.False(mean.ContainsKey("only"));
        Assert.False(mean.ContainsKey("s"));
    }
}
