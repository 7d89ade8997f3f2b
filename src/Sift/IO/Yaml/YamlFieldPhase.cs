namespace Sift.IO.Yaml;

/// <summary>
/// When a field of a <see cref="YamlTable{T}"/> is read, relative to the others: early fields are read
/// first (values the rest depend on, e.g. a sweep's base experiment), late ones last, after the table's
/// record check (e.g. DMT strategies, counted against the checked sources); within a phase fields are read in file order.
/// </summary>
public enum YamlFieldPhase
{
    Early,
    Normal,
    Late,
}
