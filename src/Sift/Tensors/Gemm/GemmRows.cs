namespace Sift.Tensors;

/// <summary>A compile-time row count for the micro-kernels (a struct type argument the JIT specialises on).</summary>
internal interface IGemmRows
{
    static abstract int Count { get; }
}

internal readonly struct GemmRows1 : IGemmRows { public static int Count => 1; }

internal readonly struct GemmRows2 : IGemmRows { public static int Count => 2; }

internal readonly struct GemmRows4 : IGemmRows { public static int Count => 4; }

internal readonly struct GemmRows6 : IGemmRows { public static int Count => 6; }

internal readonly struct GemmRows8 : IGemmRows { public static int Count => 8; }

