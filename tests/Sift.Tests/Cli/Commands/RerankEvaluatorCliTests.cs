using System.Text.Json.Nodes;
using Sift.Model;
using Sift.Runs;
using Sift.Tests.Model;
using Sift.Tests.Training.Sft;

namespace Sift.Tests.Cli.Commands;

/// <summary>`sift rerank --evaluator DIR` on a tiny saved model: unscored samples get scores, so the score-based strategies run.</summary>
[Collection(EngineThreadsCollection.Name)]
public sealed class RerankEvaluatorCliTests
{
    [Fact]
    public void Rerank_with_an_evaluator_scores_missing_samples_and_runs_every_strategy()
    {
        var root = SftTestData.TempDir("rerank-evaluator");
        var modelDir = Path.Combine(root, "evaluator");
        using (var model = TransformerModel.Create(SftTestData.TinyConfig(160), 3))
        {
            SavedModel.Save(modelDir, model, SftTestData.Tokenizer);
        }
        var input = Path.Combine(root, "samples.jsonl");
        File.WriteAllLines(input,
        [
            """{"gold": "4", "question": "What is 2 + 2?", "samples": [{"text": "The answer is 4"}, {"text": "The answer is 5"}, {"text": "The answer is 4", "score": 0.9}]}""",
            """{"gold": "6", "problem": "What is 3 + 3?", "samples": [{"text": "The answer is 6"}, {"text": "The answer is 7"}]}""",
        ]);
        var json = Path.Combine(root, "out.json");
        var code = Sift.Cli.CommandCatalog.BuildRoot().Parse(["rerank", "--input", input, "--evaluator", modelDir, "--json", json, "--score-batch", "2"]).Invoke();
        Assert.Equal(0, code);
        var report = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal(2, report["n_problems"]!.GetValue<int>());
        var strategies = report["strategies"]!.AsObject();
        foreach (var name in new[] { "majority", "best_of_n", "cluster_rerank", "weighted_vote", "weighted_cluster_rerank" })
        {
            Assert.True(strategies.ContainsKey(name), $"missing {name}: {report.ToJsonString()}");
        }

        // Without --evaluator the score-based strategies are unavailable; a bad evaluator directory is an error.
        var json2 = Path.Combine(root, "out2.json");
        Assert.Equal(0, Sift.Cli.CommandCatalog.BuildRoot().Parse(["rerank", "--input", input, "--json", json2]).Invoke());
        Assert.False(JsonNode.Parse(File.ReadAllText(json2))!["strategies"]!.AsObject().ContainsKey("best_of_n"));
        Assert.Equal(1, Sift.Cli.CommandCatalog.BuildRoot().Parse(["rerank", "--input", input, "--evaluator", Path.Combine(root, "missing")]).Invoke());
    }
}
