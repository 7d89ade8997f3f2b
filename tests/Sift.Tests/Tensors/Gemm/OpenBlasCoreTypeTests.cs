using Sift.Tensors;

namespace Sift.Tests.Tensors.Gemm;

public sealed class OpenBlasCoreTypeTests
{
    [Theory]
    [InlineData("Haswell", "SKYLAKEX", true)]
    [InlineData("Prescott", "HASWELL", true)]
    [InlineData("SkylakeX", "SKYLAKEX", false)]
    [InlineData("Cooperlake", "SKYLAKEX", false)]
    [InlineData("SkylakeX", "HASWELL", false)]
    [InlineData("SomethingNew", "SKYLAKEX", false)]
    [InlineData("Haswell", null, false)]
    public void A_preset_core_type_is_replaced_only_when_it_is_an_older_class(string preset, string? best, bool older)
        => Assert.Equal(older, OpenBlasGemm.IsOlderClass(preset, best));
}
