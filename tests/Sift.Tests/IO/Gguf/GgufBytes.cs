using System.Text;

namespace Sift.Tests.IO.Gguf;

/// <summary>Builds GGUF bytes by hand (ggml docs/gguf.md), independent of Sift's writer, so reader tests check the spec, not Sift against itself.</summary>
internal sealed class GgufBytes
{
    private readonly List<byte> _bytes = [];

    public long Length => _bytes.Count;

    public GgufBytes Raw(params byte[] bytes) { _bytes.AddRange(bytes); return this; }
    public GgufBytes U32(uint v) => Raw(BitConverter.GetBytes(v));
    public GgufBytes U64(ulong v) => Raw(BitConverter.GetBytes(v));
    public GgufBytes Str(string s) { var b = Encoding.UTF8.GetBytes(s); return U64((ulong)b.Length).Raw(b); }

    /// <summary>Magic, version, counts.</summary>
    public GgufBytes Header(ulong tensors, ulong kvs, uint version = 3) => Raw("GGUF"u8.ToArray()).U32(version).U64(tensors).U64(kvs);

    /// <summary>A tensor info: name, ne (fastest first), ggml type, offset.</summary>
    public GgufBytes Tensor(string name, ulong[] ne, uint type, ulong offset)
    {
        Str(name).U32((uint)ne.Length);
        foreach (var d in ne) U64(d);
        return U32(type).U64(offset);
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/>.</summary>
    public GgufBytes Align(int alignment = 32)
    {
        while (_bytes.Count % alignment != 0) _bytes.Add(0);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    public string Save(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", "gguf-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, ToArray());
        return path;
    }
}
