using Sift.Pipelines;
using Sift.Model;

namespace Sift.Pipelines.Sweeps;

/// <summary>One value of the model-size axis: a name (used in trial names and fit groups) and the shape it stands for.</summary>
public sealed record SweepModel(string Name, ModelShape Shape)
{
    /// <summary>
    /// Built-in shapes (llama family, 4 heads), smallest first; "base" is the experiment config's
    /// <c>model</c>. "m" is the demo's model A (~0.17M parameters) and "s" its model B.
    /// </summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["base", "xs", "s", "m", "l"];

    /// <summary>Resolves a built-in name against the experiment's model (whose context and family it keeps); null for an unknown name.</summary>
    public static SweepModel? BuiltIn(string name, ModelShape baseShape) => name switch
    {
        "base" => new SweepModel(name, baseShape),
        "xs" => new SweepModel(name, baseShape with { Hidden = 32, Layers = 2, Heads = 4, KeyValueHeads = 4, Intermediate = 96 }),
        "s" => new SweepModel(name, baseShape with { Hidden = 48, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 128 }),
        "m" => new SweepModel(name, baseShape with { Hidden = 64, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 176 }),
        "l" => new SweepModel(name, baseShape with { Hidden = 96, Layers = 4, Heads = 4, KeyValueHeads = 4, Intermediate = 256 }),
        _ => null,
    };
}
