using Sift.Tensors;

namespace Sift.Tests.Tensors.Kernels;

/// <summary>Every IGemm this machine offers (naive always; managed and openblas when registered and loadable).</summary>
public static class GemmCases
{
    public static IEnumerable<object[]> All()
    {
        foreach (var name in new[] { "naive", "managed", "openblas" })
        {
            IGemm? gemm = null;
            try { gemm = GemmFactory.Create(name); }
            catch (Exception e) when (e is ArgumentException or DllNotFoundException or InvalidOperationException or NotSupportedException) { }
            if (gemm is not null && gemm.Name == name) yield return [name];
        }
    }

    public static IGemm Get(string name) => GemmFactory.Create(name);
}
