using System.Globalization;
using System.Text.Json.Nodes;

namespace Sift.Pipelines.Sweeps;

/// <summary>One grid point of a sweep (one trial): which data, model, k and seed it trains with.</summary>
/// <param name="Name">Trial name (its directory under RUN/trials/).</param>
/// <param name="Fraction">Fraction of the training set.</param>
/// <param name="Amount">Training problems used (the first <paramref name="Amount"/> of the training set).</param>
/// <param name="Model">Model size.</param>
/// <param name="RftK">RFT samples per problem (rft trials), else null.</param>
/// <param name="MixK">Mixture k (dmt trials), else null.</param>
/// <param name="Seed">Root seed of model init, data order and sampling.</param>
public sealed record SweepPoint(string Name, SweepFraction Fraction, int Amount, SweepModel Model, int? RftK, double? MixK, int Seed)
{
    /// <summary>The point without its seed: the group whose seeds are averaged.</summary>
    public string GroupKey => string.Join(",", Fraction.Label, Model.Name, RftK?.ToString(CultureInfo.InvariantCulture) ?? "-", MixK?.ToString("R", CultureInfo.InvariantCulture) ?? "-");

    /// <summary>The "k" reported for the point: RFT k or mixture k (null when neither axis applies).</summary>
    public double? K => RftK ?? MixK;

    /// <summary>The point's identity as JSON (written to the trial directory; a resumed trial must match it).</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["fraction"] = Fraction.Value,
        ["fraction_label"] = Fraction.Label,
        ["amount"] = Amount,
        ["model"] = Model.Name,
        ["hidden"] = Model.Shape.Hidden,
        ["layers"] = Model.Shape.Layers,
        ["heads"] = Model.Shape.Heads,
        ["kv_heads"] = Model.Shape.KeyValueHeads,
        ["intermediate"] = Model.Shape.Intermediate,
        ["rft_k"] = RftK,
        ["mix_k"] = MixK,
        ["seed"] = Seed,
    };
}
