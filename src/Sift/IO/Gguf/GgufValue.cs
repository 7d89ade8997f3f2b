using System.Globalization;

namespace Sift.IO.Gguf;

/// <summary>
/// One GGUF metadata value (ggml docs/gguf.md, <c>gguf_metadata_value_t</c>): a scalar of
/// <see cref="Type"/>, a string, or an array of <see cref="ElementType"/>. <see cref="Value"/> holds
/// the CLR value: byte, sbyte, ushort, short, uint, int, float, bool, string, ulong, long, double,
/// or for arrays a typed array of those (<c>string[]</c>, <c>float[]</c>, …; <c>GgufValue[]</c> for arrays of arrays).
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value, GgufValueType? ElementType = null)
{
    public static GgufValue Of(byte v) => new(GgufValueType.UInt8, v);
    public static GgufValue Of(sbyte v) => new(GgufValueType.Int8, v);
    public static GgufValue Of(ushort v) => new(GgufValueType.UInt16, v);
    public static GgufValue Of(short v) => new(GgufValueType.Int16, v);
    public static GgufValue Of(uint v) => new(GgufValueType.UInt32, v);
    public static GgufValue Of(int v) => new(GgufValueType.Int32, v);
    public static GgufValue Of(float v) => new(GgufValueType.Float32, v);
    public static GgufValue Of(bool v) => new(GgufValueType.Bool, v);
    public static GgufValue Of(string v) => new(GgufValueType.String, v);
    public static GgufValue Of(ulong v) => new(GgufValueType.UInt64, v);
    public static GgufValue Of(long v) => new(GgufValueType.Int64, v);
    public static GgufValue Of(double v) => new(GgufValueType.Float64, v);

    /// <summary>An array value; <paramref name="items"/> is the typed array (e.g. <c>string[]</c> for <see cref="GgufValueType.String"/>).</summary>
    public static GgufValue ArrayOf(GgufValueType elementType, Array items)
    {
        if (elementType == GgufValueType.Array && items is not GgufValue[])
            throw new ArgumentException("an array of arrays holds GgufValue[]", nameof(items));
        if (elementType != GgufValueType.Array && items.GetType().GetElementType() != ClrType(elementType))
            throw new ArgumentException($"an array of {elementType} holds {ClrType(elementType).Name}[], not {items.GetType().Name}", nameof(items));
        return new GgufValue(GgufValueType.Array, items, elementType);
    }

    public static GgufValue ArrayOf(string[] items) => ArrayOf(GgufValueType.String, items);
    public static GgufValue ArrayOf(float[] items) => ArrayOf(GgufValueType.Float32, items);
    public static GgufValue ArrayOf(int[] items) => ArrayOf(GgufValueType.Int32, items);

    /// <summary>The value as a 64-bit integer, for any integer type (GGUF writers differ in which they use for counts and ids).</summary>
    public bool TryGetInteger(out long value)
    {
        switch (Value)
        {
            case byte b: value = b; return true;
            case sbyte sb: value = sb; return true;
            case ushort us: value = us; return true;
            case short s: value = s; return true;
            case uint ui: value = ui; return true;
            case int i: value = i; return true;
            case ulong ul when ul <= long.MaxValue: value = (long)ul; return true;
            case long l: value = l; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>The value as a double, for any integer or float type.</summary>
    public bool TryGetNumber(out double value)
    {
        if (TryGetInteger(out long l)) { value = l; return true; }
        switch (Value)
        {
            case float f: value = f; return true;
            case double d: value = d; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>The CLR element type an array of <paramref name="type"/> holds.</summary>
    public static Type ClrType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte),
        GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort),
        GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint),
        GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float),
        GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string),
        GgufValueType.UInt64 => typeof(ulong),
        GgufValueType.Int64 => typeof(long),
        GgufValueType.Float64 => typeof(double),
        GgufValueType.Array => typeof(GgufValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a GGUF metadata value type"),
    };

    public override string ToString() => Value is Array a
        ? $"[{ElementType} × {a.Length}]"
        : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "";
}
