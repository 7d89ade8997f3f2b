using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sift.Tensors;

/// <summary>
/// SGEMM through OpenBLAS's <c>cblas_sgemm</c> (Debian <c>libopenblas0</c>, <c>libopenblas.so.0</c>),
/// loaded at run time: an optional accelerator, never a requirement.
/// Before the library loads, OPENBLAS_CORETYPE is set from the CPU's features (unless the user set it),
/// because OpenBLAS 0.3.21's DYNAMIC_ARCH detection does not know Zen 4/5 and falls back to the
/// generic Prescott kernels, about 5× slower (SIFT_OPENBLAS_CORETYPE overrides a preset value, see
/// <see cref="ConfigureCoreType"/>). The OpenBLAS thread count follows
/// <see cref="ParallelPlan.ThreadCount"/>.
/// </summary>
public sealed unsafe class OpenBlasGemm : IGemm
{
    private const int CblasRowMajor = 101;
    private const int CblasNoTrans = 111;
    private const int CblasTrans = 112;

    private static readonly Lazy<NativeApi?> Api = new(LoadApi);
    private static int configuredThreads;

    /// <summary>True when libopenblas.so.0 could be loaded and exports cblas_sgemm.</summary>
    public static bool IsAvailable => Api.Value is not null;

    /// <summary>The OPENBLAS_CORETYPE in effect when the library was loaded (null if none was set).</summary>
    public static string? CoreType { get; private set; }

    /// <summary>The kernel family OpenBLAS reports it runs (openblas_get_corename), e.g. "SkylakeX"; null if unknown.</summary>
    public static string? CoreName => Api.Value?.CoreName();

    /// <summary>Why loading failed (null when available or not yet tried).</summary>
    public static string? LoadError { get; private set; }

    /// <summary>The path or name the library was loaded from.</summary>
    public static string? LibraryName { get; private set; }

    public string Name => "openblas";

    /// <summary>Creates the wrapper; throws with the load error when the library is missing.</summary>
    public OpenBlasGemm()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(
                $"OpenBLAS is not available: {LoadError}. Install Debian's libopenblas0 (libopenblas.so.0) or use SIFT_GEMM=managed.");
        }
    }

    /// <summary>
    /// The core type OpenBLAS should use on this CPU: SkylakeX with AVX-512 (measured on Zen 5:
    /// the same SGEMM speed as Cooperlake, whose extra kernels are BF16 only), Haswell with AVX2+FMA,
    /// null otherwise (let OpenBLAS detect).
    /// </summary>
    public static string? RecommendedCoreType()
    {
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported)
        {
            return "SKYLAKEX";
        }

        return Avx2.IsSupported && Fma.IsSupported ? "HASWELL" : null;
    }

    /// <summary>
    /// True when <paramref name="preset"/> names an OpenBLAS core type of an older instruction-set class
    /// (SSE &lt; AVX &lt; AVX2 &lt; AVX-512) than <paramref name="best"/>; unknown names are kept as the user's choice.
    /// </summary>
    internal static bool IsOlderClass(string preset, string? best)
    {
        static int Class(string name) => name.Trim().ToUpperInvariant() switch
        {
            "PRESCOTT" or "CORE2" or "PENRYN" or "DUNNINGTON" or "NEHALEM" or "ATOM" or "OPTERON" or "BARCELONA" => 0,
            "SANDYBRIDGE" or "BULLDOZER" or "PILEDRIVER" => 1,
            "HASWELL" or "ZEN" or "STEAMROLLER" or "EXCAVATOR" => 2,
            "SKYLAKEX" or "COOPERLAKE" or "SAPPHIRERAPIDS" => 3,
            _ => int.MaxValue,
        };
        return best is not null && Class(preset) < Class(best);
    }

    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmChecks.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        NativeApi api = Api.Value!;
        int threads = ParallelPlan.ThreadCount;
        if (threads != Volatile.Read(ref configuredThreads))
        {
            api.SetNumThreads(threads);
            Volatile.Write(ref configuredThreads, threads);
        }

        // OpenBLAS reads A and B only when k > 0 and alpha != 0; a dummy pointer keeps empty spans legal.
        float dummy = 0;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            api.Sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, pa == null ? &dummy : pa, Math.Max(lda, 1), pb == null ? &dummy : pb, Math.Max(ldb, 1),
                beta, pc, ldc);
        }
    }

    private static NativeApi? LoadApi()
    {
        try
        {
            ConfigureCoreType();
            string[] names = ["libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0"];
            foreach (string name in names)
            {
                if (!NativeLibrary.TryLoad(name, out IntPtr handle))
                {
                    continue;
                }

                if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out IntPtr sgemm)
                    || !NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out IntPtr setThreads))
                {
                    LoadError = $"{name} does not export cblas_sgemm / openblas_set_num_threads";
                    continue;
                }

                LibraryName = name;
                NativeLibrary.TryGetExport(handle, "openblas_get_corename", out IntPtr corename);
                var api = new NativeApi(
                    (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm,
                    (delegate* unmanaged<int, void>)setThreads,
                    (delegate* unmanaged<byte*>)corename);
                api.SetNumThreads(ParallelPlan.ThreadCount);
                configuredThreads = ParallelPlan.ThreadCount;
                return api;
            }

            LoadError ??= "libopenblas.so.0 not found";
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            LoadError = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Sets OPENBLAS_CORETYPE in the native environment (libc setenv: .NET's
    /// Environment.SetEnvironmentVariable does not reach the C environ on Linux). An OPENBLAS_CORETYPE the
    /// user set is kept when it is not an older instruction-set class than the CPU supports;
    /// SIFT_OPENBLAS_CORETYPE (a core type name, or "auto" for the CPU-based choice) overrides it.
    /// </summary>
    private static void ConfigureCoreType()
    {
        string? siftChoice = Environment.GetEnvironmentVariable("SIFT_OPENBLAS_CORETYPE")?.Trim();
        string? user = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        string? chosen;
        if (!string.IsNullOrEmpty(siftChoice))
        {
            chosen = siftChoice.Equals("auto", StringComparison.OrdinalIgnoreCase) ? RecommendedCoreType() : siftChoice;
        }
        else if (!string.IsNullOrEmpty(user) && !IsOlderClass(user, RecommendedCoreType()))
        {
            CoreType = user;
            return;
        }
        else
        {
            // Unset, or preset to an older instruction-set class than this CPU has (some images
            // export OPENBLAS_CORETYPE=Haswell on AVX-512 machines: half speed). Same rule as
            // bench/torch_common.py, so Sift-vs-PyTorch comparisons run both on the same kernels.
            chosen = RecommendedCoreType();
        }

        CoreType = string.IsNullOrEmpty(user) ? null : user;
        if (chosen is null || !OperatingSystem.IsLinux())
        {
            return;
        }

        if (NativeLibrary.TryLoad("libc.so.6", out IntPtr libc) && NativeLibrary.TryGetExport(libc, "setenv", out IntPtr setenv))
        {
            var setenvFn = (delegate* unmanaged<byte*, byte*, int, int>)setenv;
            byte[] key = "OPENBLAS_CORETYPE\0"u8.ToArray();
            byte[] value = System.Text.Encoding.ASCII.GetBytes(chosen + "\0");
            fixed (byte* k = key)
            fixed (byte* v = value)
            {
                if (setenvFn(k, v, 1) == 0)
                {
                    Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", chosen);
                    CoreType = chosen;
                }
            }
        }
    }

    private sealed class NativeApi(
        delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm,
        delegate* unmanaged<int, void> setNumThreads,
        delegate* unmanaged<byte*> getCoreName)
    {
        public string? CoreName() =>
            getCoreName == null ? null : Marshal.PtrToStringAnsi((IntPtr)getCoreName());

        public void Sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
            float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
            => sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        public void SetNumThreads(int threads) => setNumThreads(threads);
    }
}
