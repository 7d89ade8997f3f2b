namespace Sift.Methods.Dmt;

/// <summary>How many problems of one source a stage trains on (the first <paramref name="Count"/> of the source's seeded order).</summary>
public sealed record MixturePart(string Source, int Count);

/// <summary>One SFT stage of a strategy: the mixed parts and the epochs over them.</summary>
/// <param name="Name">A readable label, e.g. <c>math+code</c> or <c>general+0.0625·(math+code)</c>.</param>
/// <param name="Parts">The sources and counts trained on together.</param>
/// <param name="Epochs">Passes over the stage's mixture.</param>
public sealed record MixtureStage(string Name, IReadOnlyList<MixturePart> Parts, double Epochs)
{
    public int Examples => Parts.Sum(p => p.Count);
}
