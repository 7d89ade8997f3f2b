using YamlDotNet.RepresentationModel;

namespace Sift.IO.Yaml;

/// <summary>
/// One line of a <see cref="YamlTable{T}"/>: a field's YAML name, how its value is read into a record
/// (<c>read(scope, node, field, record)</c>, where <c>field</c> is the full dotted name shown in errors)
/// and how it is written (<c>write(writer, record, defaults)</c>; the defaults, when known, decide
/// whether an unset optional value must be written as <c>null</c>).
/// </summary>
public sealed class YamlField<T>(
    string name,
    Func<YamlScope, YamlNode, string, T, T> read,
    Action<YamlWriter, T, T?> write,
    YamlFieldPhase phase = YamlFieldPhase.Normal)
    where T : class
{
    public string Name { get; } = name;

    public YamlFieldPhase Phase { get; } = phase;

    public T Read(YamlScope scope, YamlNode node, string field, T record) => read(scope, node, field, record);

    public void Write(YamlWriter writer, T record, T? defaults) => write(writer, record, defaults);
}
