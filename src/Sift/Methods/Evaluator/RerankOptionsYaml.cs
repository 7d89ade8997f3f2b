using Sift.IO.Yaml;
using Sift.Methods.Evaluator;

namespace Sift.Methods.Evaluator;

/// <summary>The YAML fields of <see cref="RerankOptions"/> (experiment <c>rerank</c>).</summary>
public static class RerankOptionsYaml
{
    public static YamlTable<RerankOptions> Table { get; } = new YamlTable<RerankOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .Int("n", o => o.N, (o, v) => o with { N = v }, 1, 100000)
        .Int("test_problems", o => o.TestProblems, (o, v) => o with { TestProblems = v }, 0, int.MaxValue)
        .Int("max_per_class", o => o.Data.MaxPerClass, (o, v) => o with { Data = o.Data with { MaxPerClass = v } }, 1, 100000)
        .Section("evaluator", o => o.Evaluator, (o, v) => o with { Evaluator = v }, EvaluatorTrainOptionsYaml.Table);
}
