using System.Collections.Immutable;

namespace Sift.IO.Yaml;

/// <summary>
/// What a <see cref="YamlTable{T}"/> read can see: the reader (file name, base directory, typed reads)
/// and values shared by enclosing tables (<see cref="YamlTable{T}.Share"/>), such as the experiment's
/// SFT settings that an absent <c>rft.training</c> falls back to.
/// </summary>
public sealed class YamlScope
{
    private readonly ImmutableDictionary<string, object> shared;

    public YamlScope(YamlFieldReader reader)
        : this(reader, ImmutableDictionary<string, object>.Empty)
    {
    }

    private YamlScope(YamlFieldReader reader, ImmutableDictionary<string, object> shared)
    {
        Reader = reader;
        this.shared = shared;
    }

    public YamlFieldReader Reader { get; }

    /// <summary>This scope with <paramref name="key"/> bound to <paramref name="value"/>.</summary>
    public YamlScope With(string key, object value) => new(Reader, shared.SetItem(key, value));

    /// <summary>The value shared under <paramref name="key"/>, or the default when none is.</summary>
    public TValue? Find<TValue>(string key) => shared.TryGetValue(key, out var v) && v is TValue t ? t : default;

    /// <summary>The value an enclosing table shares under <paramref name="key"/>.</summary>
    public TValue Shared<TValue>(string key) =>
        shared.TryGetValue(key, out var v) && v is TValue t ? t : throw new InvalidOperationException($"no enclosing YAML table shares '{key}' as {typeof(TValue).Name}");
}
