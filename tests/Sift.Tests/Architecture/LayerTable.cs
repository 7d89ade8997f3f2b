using System.Text.RegularExpressions;

namespace Sift.Tests.Architecture;

/// <summary>One layer of the table: its row (layers of one row may use each other) and its name.</summary>
internal sealed record Layer(LayerRow Row, string Name)
{
    public override string ToString() => Name;
}

/// <summary>A row of DESIGN.md's layer table.</summary>
internal sealed record LayerRow(int Index, IReadOnlyList<string> Names, IReadOnlyList<string> Namespaces, IReadOnlyList<string> KnowsNothingOf, bool KnowsNothingOfEverythingElse)
{
    public string Label => string.Join(", ", Names);
}

/// <summary>
/// The layer table of the repository's DESIGN.md ("## Layers ..." section): columns `layer`
/// (one or more comma-separated names), `namespaces` (backticked; `Sift.X.*` = every namespace
/// below Sift.X) and `knows nothing of` (backticked layer names, or "everything else").
/// Rows are in dependency order: a layer may use its own row and the rows above it.
/// </summary>
internal sealed partial class LayerTable
{
    public IReadOnlyList<LayerRow> Rows { get; }

    private LayerTable(IReadOnlyList<LayerRow> rows) => Rows = rows;

    /// <summary>The repository root: the first folder above the test binaries holding Sift.sln.</summary>
    public static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Sift.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException($"no Sift.sln above {AppContext.BaseDirectory}: cannot find the repository's DESIGN.md");
    }

    /// <summary>The table of the repository's own DESIGN.md (fails, never skips, when it is missing).</summary>
    public static LayerTable FromRepository()
    {
        var path = Path.Combine(RepositoryRoot(), "DESIGN.md");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: DESIGN.md at the repository root is the project's layering contract (a '## Layers' section with a | layer | namespaces | ... | knows nothing of | table); restore it.");
        return Parse(File.ReadAllText(path), path);
    }

    public static LayerTable Parse(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int heading = Array.FindIndex(lines, l => l.StartsWith("## Layers", StringComparison.Ordinal));
        if (heading < 0) throw new InvalidOperationException($"{source}: no '## Layers' section; the layering test reads its layer table from there.");
        int start = Array.FindIndex(lines, heading + 1, l => l.TrimStart().StartsWith('|') || l.StartsWith("## ", StringComparison.Ordinal));
        if (start < 0 || !lines[start].TrimStart().StartsWith('|'))
            throw new InvalidOperationException($"{source}:{heading + 1}: the '## Layers' section has no table.");

        var header = Cells(lines[start]);
        int layerCol = Column(header, "layer"), nsCol = Column(header, "namespaces"), forbidCol = Column(header, "knows nothing of");
        if (layerCol < 0 || nsCol < 0 || forbidCol < 0)
            throw new InvalidOperationException($"{source}:{start + 1}: the layer table needs the columns 'layer', 'namespaces' and 'knows nothing of'; its header is: {lines[start].Trim()}");

        var raw = new List<(int Line, string[] Names, string[] Namespaces, string Forbid)>();
        for (int i = start + 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            if (cells.Length <= Math.Max(layerCol, Math.Max(nsCol, forbidCol)))
                throw new InvalidOperationException($"{source}:{i + 1}: the row has {cells.Length} cells, the header {header.Length}.");
            var names = cells[layerCol].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var namespaces = Backticked().Matches(cells[nsCol]).Select(m => m.Groups[1].Value).ToArray();
            if (names.Length == 0) throw new InvalidOperationException($"{source}:{i + 1}: a row without a layer name.");
            if (namespaces.Length == 0) throw new InvalidOperationException($"{source}:{i + 1}: layer {cells[layerCol]} lists no `namespace`.");
            raw.Add((i + 1, names, namespaces, cells[forbidCol]));
        }
        if (raw.Count == 0) throw new InvalidOperationException($"{source}:{start + 1}: the layer table has no rows.");

        var allNames = raw.SelectMany(r => r.Names).ToList();
        var duplicateName = allNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateName is not null) throw new InvalidOperationException($"{source}: layer {duplicateName.Key} appears in two rows.");
        var duplicateNs = raw.SelectMany(r => r.Namespaces).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateNs is not null) throw new InvalidOperationException($"{source}: namespace {duplicateNs.Key} is listed in two rows.");

        var rows = new List<LayerRow>();
        foreach (var (line, names, namespaces, forbid) in raw)
        {
            var forbidden = Backticked().Matches(forbid).Select(m => m.Groups[1].Value).ToArray();
            var unknown = forbidden.Where(f => !allNames.Contains(f, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0)
                throw new InvalidOperationException($"{source}:{line}: 'knows nothing of' names {string.Join(", ", unknown)}, which is no layer of the table ({string.Join(", ", allNames)}).");
            bool everything = forbid.Contains("everything else", StringComparison.OrdinalIgnoreCase);
            rows.Add(new LayerRow(rows.Count, names, namespaces, forbidden, everything));
        }
        return new LayerTable(rows);
    }

    /// <summary>The layer of a namespace: the row listing it (exactly, or under a `X.*` entry); null when none does.</summary>
    public Layer? LayerOf(string? ns)
    {
        if (ns is null) return null;
        LayerRow? best = null;
        int bestLength = -1;
        foreach (var row in Rows)
            foreach (var entry in row.Namespaces)
            {
                bool wildcard = entry.EndsWith(".*", StringComparison.Ordinal);
                var prefix = wildcard ? entry[..^2] : entry;
                bool match = wildcard ? ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal) : ns == prefix;
                if (match && prefix.Length > bestLength) (best, bestLength) = (row, prefix.Length);
            }
        if (best is null) return null;
        var segments = ns.Split('.');
        var name = segments.Length > 1 && best.Names.Contains(segments[1], StringComparer.Ordinal) ? segments[1] : best.Names[0];
        return new Layer(best, name);
    }

    public Layer Named(string name)
    {
        var row = Rows.FirstOrDefault(r => r.Names.Contains(name, StringComparer.Ordinal))
            ?? throw new InvalidOperationException($"DESIGN.md has no layer {name}");
        return new Layer(row, name);
    }

    /// <summary>Why <paramref name="from"/> may not use <paramref name="to"/>; null when it may.</summary>
    public static string? Violation(Layer from, Layer to)
    {
        if (from.Row.Index == to.Row.Index) return null;
        if (to.Row.Index > from.Row.Index) return $"layer {to.Name}, listed below {from.Name} in DESIGN.md's table: a higher layer";
        if (from.Row.KnowsNothingOfEverythingElse) return $"layer {to.Name}: {from.Name} knows nothing of everything else";
        if (from.Row.KnowsNothingOf.Contains(to.Name, StringComparer.Ordinal)) return $"layer {to.Name}: {from.Name} knows nothing of {to.Name}";
        return null;
    }

    private static int Column(string[] header, string name) =>
        Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));

    private static string[] Cells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return t.Split('|').Select(c => c.Trim()).ToArray();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
