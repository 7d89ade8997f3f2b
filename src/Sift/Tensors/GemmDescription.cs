namespace Sift.Tensors;

/// <summary>Which GEMM a run used, for run records (results.json "environment", `sift version`).</summary>
/// <param name="Name">The implementation: "naive", "managed" or "openblas" (<see cref="IGemm.Name"/>), or "error: ..." when SIFT_GEMM names one that cannot be made.</param>
/// <param name="Requested">SIFT_GEMM as set ("auto" when unset or empty).</param>
/// <param name="OpenBlasCoreType">OPENBLAS_CORETYPE in effect when OpenBLAS loaded (null when not OpenBLAS or none was set).</param>
/// <param name="OpenBlasCoreName">The kernel family OpenBLAS reports, e.g. "SkylakeX" (null when not OpenBLAS).</param>
public sealed record GemmDescription(string Name, string Requested, string? OpenBlasCoreType, string? OpenBlasCoreName)
{
    /// <summary>One line: "openblas (SkylakeX, OPENBLAS_CORETYPE=SKYLAKEX), SIFT_GEMM=auto".</summary>
    public override string ToString()
    {
        var detail = Name == "openblas" ? $" ({OpenBlasCoreName ?? "core unknown"}, OPENBLAS_CORETYPE={OpenBlasCoreType ?? "unset"})" : "";
        return $"{Name}{detail}, SIFT_GEMM={Requested}";
    }
}
