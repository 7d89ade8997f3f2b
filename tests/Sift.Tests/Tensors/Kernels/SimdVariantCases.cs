using System.Runtime.InteropServices;
using Sift.Tensors.Kernels;

namespace Sift.Tests.Tensors.Kernels;

/// <summary>
/// Every <see cref="SimdVariant"/> as theory data, so a kernel test runs once per variant (the way nietras/Sep
/// runs its suite per parser); a variant this CPU does not accelerate is reported as skipped, not passed.
/// </summary>
internal static class SimdVariantCases
{
    public static TheoryData<SimdVariant> All() => new(Enum.GetValues<SimdVariant>());

    /// <summary>Skips the calling [SkippableTheory] when <paramref name="variant"/> does not run here.</summary>
    public static void Require(SimdVariant variant) =>
        Skip.IfNot(SimdVariants.IsSupported(variant),
            $"{variant} is not hardware-accelerated on this {RuntimeInformation.ProcessArchitecture} CPU (Vector512 needs AVX-512, Vector256 AVX2); it runs on a machine that has it");
}
