using YamlDotNet.RepresentationModel;

namespace Sift.IO.Yaml;

/// <summary>
/// The YAML fields of a record type, listed once (name, getter, <c>with</c>-setter, kind and range), from
/// which both reading and writing follow, so the two cannot drift:
/// <code>
/// public static YamlTable&lt;EvalOptions&gt; Table { get; } = new YamlTable&lt;EvalOptions&gt;()
///     .Bool("greedy", e =&gt; e.Greedy, (e, v) =&gt; e with { Greedy = v })
///     .Int("k", e =&gt; e.K, (e, v) =&gt; e with { K = v }, 0, 100000);
/// </code>
/// Reading starts from a record (the defaults) and applies the fields given; unknown fields (the error
/// lists the known ones), repeated fields and bad values are <see cref="ConfigException"/>s naming
/// file:line:field. Writing emits every field in table order, and reads back to an equal record.
/// </summary>
public sealed class YamlTable<T>
    where T : class
{
    private readonly List<YamlField<T>> fields = [];
    private readonly List<(string Key, Func<T, object> Value)> shares = [];
    private Func<YamlScope, YamlNode, string, T, T>? validate;

    public IReadOnlyList<YamlField<T>> Fields => fields;

    public IEnumerable<string> Names => fields.Select(f => f.Name);

    /// <summary>Adds a field line of any kind.</summary>
    public YamlTable<T> Add(YamlField<T> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (fields.Any(f => f.Name == field.Name)) throw new ArgumentException($"field '{field.Name}' is listed twice", nameof(field));
        fields.Add(field);
        return this;
    }

    public YamlTable<T> Int(string name, Func<T, int> get, Func<T, int, T> set, int min = int.MinValue, int max = int.MaxValue) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.Int(n, f, min, max)), (w, o, _) => w.Value(name, YamlWriter.Number(get(o)))));

    /// <summary>A number, also written as a fraction such as <c>1/16</c>.</summary>
    public YamlTable<T> Double(string name, Func<T, double> get, Func<T, double, T> set, double min, double max) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.Double(n, f, min, max)), (w, o, _) => w.Value(name, YamlWriter.Number(get(o)))));

    /// <summary>A number or <c>null</c>; an unset value is not written (or written as <c>null</c> when the defaults have one).</summary>
    public YamlTable<T> OptionalDouble(string name, Func<T, double?> get, Func<T, double?, T> set, double min, double max) =>
        Add(new(
            name,
            (s, n, f, o) => set(o, YamlFieldReader.IsNull(n) ? null : s.Reader.Double(n, f, min, max)),
            (w, o, d) => OptionalValue(w, name, get(o), d is null ? null : get(d), v => YamlWriter.Number(v))));

    /// <summary>An integer or <c>null</c>; an unset value is not written (or written as <c>null</c> when the defaults have one).</summary>
    public YamlTable<T> OptionalInt(string name, Func<T, int?> get, Func<T, int?, T> set, int min, int max) =>
        Add(new(
            name,
            (s, n, f, o) => set(o, YamlFieldReader.IsNull(n) ? null : s.Reader.Int(n, f, min, max)),
            (w, o, d) => OptionalValue(w, name, get(o), d is null ? null : get(d), v => YamlWriter.Number(v))));

    public YamlTable<T> Float(string name, Func<T, float> get, Func<T, float, T> set, double min, double max) =>
        Add(new(name, (s, n, f, o) => set(o, (float)s.Reader.Double(n, f, min, max)), (w, o, _) => w.Value(name, YamlWriter.Number(get(o)))));

    public YamlTable<T> Bool(string name, Func<T, bool> get, Func<T, bool, T> set) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.Bool(n, f)), (w, o, _) => w.Value(name, YamlWriter.Bool(get(o)))));

    /// <summary>Text; a null value is not written (or written as <c>null</c> when the defaults have one).</summary>
    public YamlTable<T> String(string name, Func<T, string?> get, Func<T, string, T> set) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.String(n, f)), (w, o, d) => Optional(w, name, get(o), d is null ? null : get(d), v => w.Value(name, YamlWriter.Quote(v)))));

    /// <summary>A path relative to the config file's folder, read as an absolute path (<c>null</c> or empty: none) and written as held.</summary>
    public YamlTable<T> Path(string name, Func<T, string?> get, Func<T, string?, T> set) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.PathValue(n, f)), (w, o, d) => Optional(w, name, get(o), d is null ? null : get(d), v => w.Value(name, YamlWriter.Quote(v)))));

    /// <summary>One of fixed names (compared lower-case).</summary>
    public YamlTable<T> Choice(string name, Func<T, string> get, Func<T, string, T> set, params string[] options) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.Choice(n, f, options)), (w, o, _) => w.Value(name, get(o))));

    /// <summary>One of fixed names, each mapped to a value (an enum, say).</summary>
    public YamlTable<T> Choice<TValue>(string name, Func<T, TValue> get, Func<T, TValue, T> set, params (string Name, TValue Value)[] options)
    {
        var names = options.Select(x => x.Name).ToArray();
        return Add(new(
            name,
            (s, n, f, o) => set(o, options.First(x => x.Name == s.Reader.Choice(n, f, names)).Value),
            (w, o, _) =>
            {
                var v = get(o);
                w.Value(name, options.FirstOrDefault(x => EqualityComparer<TValue>.Default.Equals(x.Value, v)).Name ?? throw new InvalidOperationException($"{name}: {v} has no YAML name"));
            }));
    }

    /// <summary>A list of integers: <c>[1, 2, 3]</c> or <c>1,2,3</c>.</summary>
    public YamlTable<T> IntList(string name, Func<T, IReadOnlyList<int>> get, Func<T, IReadOnlyList<int>, T> set) =>
        Add(new(name, (s, n, f, o) => set(o, s.Reader.IntList(n, f)), (w, o, _) => w.List(name, get(o).Select(YamlWriter.Number))));

    /// <summary>A nested mapping read over the current value with <paramref name="table"/>.</summary>
    public YamlTable<T> Section<TSection>(string name, Func<T, TSection> get, Func<T, TSection, T> set, YamlTable<TSection> table)
        where TSection : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return Add(new(
            name,
            (s, n, f, o) => set(o, table.Read(s, n, f + ".", get(o))),
            (w, o, d) => w.Section(name, inner => table.Write(inner, get(o), d is null ? null : get(d)))));
    }

    /// <summary>
    /// A nested mapping that may be unset (null): when given, it is read over the current value or, when
    /// that is null, over <paramref name="fallback"/> (e.g. the experiment's SFT settings); <c>null</c> unsets
    /// it. Written only when set (as <c>null</c> when unset but the defaults have one).
    /// </summary>
    public YamlTable<T> OptionalSection<TSection>(string name, Func<T, TSection?> get, Func<T, TSection?, T> set, YamlTable<TSection> table, Func<T, YamlScope, TSection> fallback)
        where TSection : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return Add(new(
            name,
            (s, n, f, o) => set(o, YamlFieldReader.IsNull(n) ? null : table.Read(s, n, f + ".", get(o) ?? fallback(o, s))),
            (w, o, d) => Optional(w, name, get(o), d is null ? null : get(d), v => w.Section(name, inner => table.Write(inner, v, null)))));
    }

    /// <summary>A field of its own kind (a list of sources, a sweep axis): how it reads and how it writes.</summary>
    public YamlTable<T> Custom(string name, Func<YamlScope, YamlNode, string, T, T> read, Action<YamlWriter, string, T> write, YamlFieldPhase phase = YamlFieldPhase.Normal)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Add(new(name, read, (w, o, _) => write(w, name, o), phase));
    }

    /// <summary>Offers a value of the record being read (as it stands when each field is read) to nested tables, under <paramref name="key"/>.</summary>
    public YamlTable<T> Share(string key, Func<T, object> value)
    {
        shares.Add((key, value));
        return this;
    }

    /// <summary>Checks (and may complete) the record once its early and normal fields are read (late ones come after); gets the mapping node (for its line) and the field prefix.</summary>
    public YamlTable<T> Validate(Func<YamlScope, YamlNode, string, T, T> check)
    {
        var previous = validate;
        validate = previous is null ? check : (s, n, p, o) => check(s, n, p, previous(s, n, p, o));
        return this;
    }

    /// <summary>A table of just the named fields (same kinds, same validation), e.g. the SFT fields a mix config may set.</summary>
    public YamlTable<T> Only(params string[] names)
    {
        var t = new YamlTable<T>();
        foreach (var name in names) t.Add(fields.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"no field '{name}'", nameof(names)));
        t.shares.AddRange(shares);
        t.validate = validate;
        return t;
    }

    /// <summary>Reads the mapping <paramref name="node"/> over <paramref name="record"/>; <paramref name="prefix"/> (e.g. <c>"sft."</c>) starts every field name in errors.</summary>
    public T Read(YamlScope scope, YamlNode node, string prefix, T record)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(node);
        var given = scope.Reader.Fields(node, prefix, [.. Names]);
        record = ReadPhase(scope, given, prefix, record, YamlFieldPhase.Early);
        record = ReadPhase(scope, given, prefix, record, YamlFieldPhase.Normal);
        if (validate is not null) record = validate(scope, node, prefix, record);
        return ReadPhase(scope, given, prefix, record, YamlFieldPhase.Late);
    }

    private T ReadPhase(YamlScope scope, List<(string Key, YamlNode Value)> given, string prefix, T record, YamlFieldPhase phase)
    {
        foreach (var (key, value) in given)
        {
            var field = fields.First(f => f.Name == key);
            if (field.Phase != phase) continue;
            var inner = scope;
            foreach (var (k, v) in shares) inner = inner.With(k, v(record));
            record = field.Read(inner, value, prefix + key, record);
        }
        return record;
    }

    /// <summary>Reads a whole document over <paramref name="record"/> (an empty document: <paramref name="record"/> as is).</summary>
    public T Parse(string yaml, YamlFieldReader reader, T record) => Parse(yaml, new YamlScope(reader), record);

    /// <summary>Reads a whole document in <paramref name="scope"/> (with values shared from outside, e.g. the abilities a mix may name).</summary>
    public T Parse(string yaml, YamlScope scope, T record)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Reader.Root(yaml) is { } root ? Read(scope, root, "", record) : record;
    }

    /// <summary>Writes every field of <paramref name="record"/>; <paramref name="defaults"/> (what reading starts from) decides where an unset value must be written as <c>null</c>.</summary>
    public void Write(YamlWriter writer, T record, T? defaults)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var f in fields) f.Write(writer, record, defaults);
    }

    /// <summary>The record as a YAML document.</summary>
    public string ToYaml(T record, T? defaults)
    {
        var w = new YamlWriter();
        Write(w, record, defaults);
        return w.ToString();
    }

    private static void OptionalValue<TValue>(YamlWriter w, string name, TValue? value, TValue? defaultValue, Func<TValue, string> text)
        where TValue : struct
    {
        if (value is { } v) w.Value(name, text(v));
        else if (defaultValue is not null) w.Value(name, "null");
    }

    private static void Optional<TValue>(YamlWriter w, string name, TValue? value, TValue? defaultValue, Action<TValue> write)
        where TValue : class
    {
        if (value is not null) write(value);
        else if (defaultValue is not null) w.Value(name, "null");
    }
}
