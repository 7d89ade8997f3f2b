using Sift.Model.Sampling;

namespace Sift.Methods.RestEm;

/// <summary>The named seed streams of a ReST-EM run (DESIGN.md: derived by name, so adding a stream never shifts another).</summary>
public static class RestEmSeeds
{
    public static ulong EStep(ulong root, int iteration) => SeedDerivation.DeriveSeed(root, $"restem/iter-{iteration}/e-step");

    public static ulong MStep(ulong root, int iteration) => SeedDerivation.DeriveSeed(root, $"restem/iter-{iteration}/m-step");
}
