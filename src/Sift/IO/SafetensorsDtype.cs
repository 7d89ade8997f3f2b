namespace Sift.IO;

/// <summary>Element types of the safetensors format (names as they appear in the header's "dtype").</summary>
public enum SafetensorsDtype
{
    BOOL,
    U8,
    I8,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
    F8_E4M3,
    F8_E5M2,
}

/// <summary>Sizes and parsing of <see cref="SafetensorsDtype"/>.</summary>
public static class SafetensorsDtypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.BOOL or SafetensorsDtype.U8 or SafetensorsDtype.I8
            or SafetensorsDtype.F8_E4M3 or SafetensorsDtype.F8_E5M2 => 1,
        SafetensorsDtype.I16 or SafetensorsDtype.U16 or SafetensorsDtype.F16 or SafetensorsDtype.BF16 => 2,
        SafetensorsDtype.I32 or SafetensorsDtype.U32 or SafetensorsDtype.F32 => 4,
        SafetensorsDtype.F64 or SafetensorsDtype.I64 or SafetensorsDtype.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Parses a header "dtype" string (exact, case-sensitive as the format writes it).</summary>
    public static bool TryParse(string text, out SafetensorsDtype dtype)
    {
        foreach (SafetensorsDtype d in Enum.GetValues<SafetensorsDtype>())
        {
            if (string.Equals(d.ToString(), text, StringComparison.Ordinal))
            {
                dtype = d;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>Whether <see cref="SafetensorsFile.ReadInto"/> can convert this dtype to float32.</summary>
    public static bool ConvertsToFloat(SafetensorsDtype dtype) => dtype is SafetensorsDtype.F32 or SafetensorsDtype.F16
        or SafetensorsDtype.BF16 or SafetensorsDtype.F64 or SafetensorsDtype.I64 or SafetensorsDtype.I32
        or SafetensorsDtype.I16 or SafetensorsDtype.I8 or SafetensorsDtype.U8 or SafetensorsDtype.BOOL;
}
