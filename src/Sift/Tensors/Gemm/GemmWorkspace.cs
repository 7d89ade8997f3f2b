using System.Runtime.InteropServices;

namespace Sift.Tensors;

/// <summary>
/// Per-worker packing buffers of <see cref="ManagedGemm"/>: packed A block, packed B block and a scratch
/// tile, 64-byte aligned. Rented from a small pool for the length of one work item and returned, so a
/// steady-state GEMM allocates nothing: the pool grows to the peak number of concurrent workers, once.
/// </summary>
internal sealed unsafe class GemmWorkspace : IDisposable
{
    private static readonly Stack<GemmWorkspace> Pool = new();
    private static readonly Lock PoolLock = new();

    private GemmWorkspace(int aFloats, int bFloats)
    {
        AFloats = aFloats;
        BFloats = bFloats;
        A = (float*)NativeMemory.AlignedAlloc((nuint)aFloats * sizeof(float), 64);
        B = (float*)NativeMemory.AlignedAlloc((nuint)bFloats * sizeof(float), 64);
        Tile = (float*)NativeMemory.AlignedAlloc(GemmLayout.MR * GemmLayout.NR * sizeof(float), 64);
    }

    ~GemmWorkspace() => Free();

    public int AFloats { get; }

    public int BFloats { get; }

    /// <summary>Packed A: MC×KC as MR-row panels, each [KC, MR].</summary>
    public float* A { get; private set; }

    /// <summary>Packed B: KC×NC as NR-column panels, each [KC, NR].</summary>
    public float* B { get; private set; }

    /// <summary>Scratch MR×NR tile for partial tiles at the right edge of C.</summary>
    public float* Tile { get; private set; }

    /// <summary>Takes a workspace big enough for the current blocking from the pool (allocating only when the pool is empty).</summary>
    public static GemmWorkspace Rent()
    {
        int aFloats = GemmLayout.McMax * GemmLayout.KcMax;
        int bFloats = GemmLayout.KcMax * GemmLayout.NcMax;
        lock (PoolLock)
        {
            while (Pool.Count > 0)
            {
                GemmWorkspace ws = Pool.Pop();
                if (ws.AFloats >= aFloats && ws.BFloats >= bFloats)
                {
                    return ws;
                }

                ws.Dispose();
            }
        }

        return new GemmWorkspace(aFloats, bFloats);
    }

    /// <summary>Puts a workspace back for the next call.</summary>
    public static void Return(GemmWorkspace workspace)
    {
        lock (PoolLock)
        {
            Pool.Push(workspace);
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        NativeMemory.AlignedFree(A);
        NativeMemory.AlignedFree(B);
        NativeMemory.AlignedFree(Tile);
        A = B = Tile = null;
    }
}
