using System.Reflection;
using System.Text;
using Sift.Tests.Architecture.Fixtures;
using Xunit.Abstractions;

namespace Sift.Tests.Architecture;

/// <summary>
/// The layering contract of DESIGN.md (repository root), enforced on the compiled Sift assembly:
/// every namespace is placed in a layer, and no type uses a type of a layer below its own in the
/// table (or one its row "knows nothing of"), wherever the use is — signatures, attributes, or
/// the IL of method bodies, lambdas and other compiler-generated nested types.
/// </summary>
public sealed class LayeringTests(ITestOutputHelper output)
{
    private static readonly Assembly Library = typeof(SiftInfo).Assembly;
    private static readonly Assembly Cli = typeof(Sift.Cli.CommandCatalog).Assembly;

    /// <summary>Types defined by the Sift and Sift.Cli assemblies (not the attributes the compiler embeds).</summary>
    private static bool IsSiftType(Type t) =>
        (t.Assembly == Library || t.Assembly == Cli) && t.Namespace is { } ns && (ns == "Sift" || ns.StartsWith("Sift.", StringComparison.Ordinal));

    /// <summary>The library's own types: in a Sift namespace, or (compiler-generated) nested in one.</summary>
    private static IEnumerable<Type> LibraryTypes() => Library.GetTypes().Where(IsSiftType);

    [Fact]
    public void EveryNamespaceOfTheLibraryIsPlacedInALayerOfDesignMd()
    {
        var table = LayerTable.FromRepository();
        var problems = new List<string>();

        // Types outside any Sift namespace must be ones the compiler or a source generator made.
        foreach (var t in Library.GetTypes().Where(t => !IsSiftType(t) && t.DeclaringType is null))
            if (!DependencyScanner.IsCompilerGenerated(t) && !t.IsDefined(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false)
                && !t.GetCustomAttributesData().Any(a => a.AttributeType.Name == "EmbeddedAttribute") && t.Namespace is not "System.Text.RegularExpressions.Generated")
                problems.Add($"{t.FullName}: a type of Sift.dll outside the Sift namespaces");

        var namespaces = LibraryTypes().Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"namespaces of {Library.GetName().Name}.dll: {string.Join(", ", namespaces)}");
        foreach (var ns in namespaces)
            if (table.LayerOf(ns) is null)
                problems.Add($"namespace {ns} is in no layer: add it to the `namespaces` column of its layer in DESIGN.md");

        // The table lists no namespace that does not exist (in Sift.dll, or in Sift.Cli.dll for the Cli row).
        var existing = namespaces.Concat(Cli.GetTypes().Where(IsSiftType).Select(t => t.Namespace!)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in table.Rows)
            foreach (var entry in row.Namespaces.Where(e => !e.EndsWith(".*", StringComparison.Ordinal)))
                if (!existing.Contains(entry))
                    problems.Add($"DESIGN.md lists namespace {entry} (layer {row.Label}), which no type of Sift.dll or Sift.Cli.dll is in: remove it or create it");

        // Every top-level folder of src/Sift is a layer whose row holds its namespace.
        var src = Path.Combine(LayerTable.RepositoryRoot(), "src", "Sift");
        foreach (var folder in Directory.GetDirectories(src).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")))
        {
            var row = table.Rows.FirstOrDefault(r => r.Names.Contains(folder!, StringComparer.Ordinal));
            if (row is null || !row.Namespaces.Any(n => n == $"Sift.{folder}" || n.StartsWith($"Sift.{folder}.", StringComparison.Ordinal)))
                problems.Add($"folder src/Sift/{folder} has no layer {folder} holding namespace Sift.{folder} or the ones below it in DESIGN.md");
        }

        Assert.True(problems.Count == 0, "DESIGN.md's layer table does not match the code:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void NoLibraryTypeUsesALayerBelowItsOwn()
    {
        var table = LayerTable.FromRepository();
        var failures = new List<string>();
        var edges = DependencyScanner.Scan(LibraryTypes(), IsSiftType, failures);
        Assert.True(failures.Count == 0, "the checker could not read everything, so it might miss uses:\n" + string.Join("\n", failures.Take(50)));

        var violations = Violations(table, edges, t => table.LayerOf(t.Namespace));
        output.WriteLine($"{edges.Count} uses of Sift types scanned, {violations.Count} violations");
        Assert.True(violations.Count == 0,
            $"{violations.Count} uses break the layering of DESIGN.md (a layer uses only its own row and the rows above it, and nothing its row knows nothing of):\n"
            + string.Join("\n", violations));
    }

    [Fact]
    public void LibraryNeverReferencesTheCliAssembly()
    {
        var references = Library.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Sift.Cli", references);
        Assert.DoesNotContain(Library.GetTypes(), t => t.Assembly == Cli);
    }

    [Fact]
    public void CheckerSeesRealEdgesAndFlagsFabricatedUpwardOnes()
    {
        var table = LayerTable.FromRepository();

        // The rule itself, on fabricated pairs of layers.
        Assert.NotNull(LayerTable.Violation(table.Named("Tensors"), table.Named("Pipelines")));
        Assert.Null(LayerTable.Violation(table.Named("Pipelines"), table.Named("Tensors")));
        Assert.NotNull(LayerTable.Violation(table.Named("Text"), table.Named("Model")));
        Assert.NotNull(LayerTable.Violation(table.Named("Model"), table.Named("Text")));
        Assert.NotNull(LayerTable.Violation(table.Named("Grading"), table.Named("IO")));
        Assert.NotNull(LayerTable.Violation(table.Named("Methods"), table.Named("Cli")));
        Assert.Null(LayerTable.Violation(table.Named("Sandbox"), table.Named("Rewards")));
        Assert.Null(LayerTable.Violation(table.Named("Rewards"), table.Named("Sandbox")));
        Assert.Null(LayerTable.Violation(table.Named("Reports"), table.Named("Pipelines")));
        Assert.Null(LayerTable.Violation(table.Named("Training"), table.Named("Runs")));
        Assert.Equal("IO", table.LayerOf("Sift.IO.Yaml")!.Name);
        Assert.Equal("Rewards", table.LayerOf("Sift.Rewards")!.Name);
        Assert.Null(table.LayerOf("Sift.NoSuchLayer"));

        // The scanner on the real assembly finds many edges, including ones only a method body shows.
        var failures = new List<string>();
        var edges = DependencyScanner.Scan(LibraryTypes(), IsSiftType, failures);
        Assert.Empty(failures);
        Assert.True(edges.Count > 1000, $"only {edges.Count} uses of Sift types found in Sift.dll");
        Assert.Contains(edges, e => e.Source.Namespace == "Sift.Model" && e.Target.Namespace == "Sift.Tensors" && e.Site.StartsWith("body of", StringComparison.Ordinal));
        Assert.Contains(edges, e => e.Source.Namespace == "Sift.Runs" && e.Target == typeof(SiftInfo));

        // Fabricated upward uses, hidden where only the IL or metadata shows them.
        var tensors = table.Named("Tensors");
        (Type Fixture, Type Target, string SitePrefix)[] upward =
        [
            (typeof(UsesInLambda), typeof(Sift.Reports.Markup), "body of <Make>"),
            (typeof(UsesInClosure), typeof(Sift.Pipelines.Experiment), "body of <Count>"),
            (typeof(UsesInIterator), typeof(Sift.Pipelines.ResultRow), "body of MoveNext"),
            (typeof(UsesAsGenericArgument), typeof(Sift.Pipelines.Experiment), "field _experiments"),
            (typeof(UsesInAttribute), typeof(Sift.Pipelines.Experiment), "attribute"),
            (typeof(UsesCli), typeof(Sift.Cli.CommandCatalog), "body of Root"),
        ];
        foreach (var (fixture, target, sitePrefix) in upward)
        {
            var found = FixtureViolations(table, fixture, tensors);
            output.WriteLine($"{fixture.Name}: {string.Join(" | ", found.Select(v => v.Message))}");
            Assert.Contains(found, v => v.Target == target && v.Message.Contains(sitePrefix, StringComparison.Ordinal));
            Assert.All(found, v => Assert.StartsWith($"{fixture.FullName} (layer Tensors) uses ", v.Message, StringComparison.Ordinal));
        }
        Assert.Empty(FixtureViolations(table, typeof(UsesOwnLayer), tensors));
        Assert.Contains(FixtureViolations(table, typeof(TextUsesModel), table.Named("Text")), v => v.Target == typeof(Sift.Model.ModelConfig) && v.Message.Contains("knows nothing of Model", StringComparison.Ordinal));
        Assert.Empty(FixtureViolations(table, typeof(PipelinesUsesReports), table.Named("Pipelines")));
    }

    [Fact]
    public void TableParserFailsClearlyWithoutATable()
    {
        var noSection = Assert.Throws<InvalidOperationException>(() => LayerTable.Parse("# Sift\n\nno layers here\n", "DESIGN.md"));
        Assert.Contains("no '## Layers' section", noSection.Message, StringComparison.Ordinal);
        var noTable = Assert.Throws<InvalidOperationException>(() => LayerTable.Parse("## Layers (each depends only on the ones above it)\ntext\n## Next\n", "DESIGN.md"));
        Assert.Contains("has no table", noTable.Message, StringComparison.Ordinal);
        var noColumn = Assert.Throws<InvalidOperationException>(() => LayerTable.Parse("## Layers\n| layer | holds |\n|---|---|\n| Tensors | x |\n", "DESIGN.md"));
        Assert.Contains("'namespaces'", noColumn.Message, StringComparison.Ordinal);
        var badName = Assert.Throws<InvalidOperationException>(() => LayerTable.Parse("## Layers\n| layer | namespaces | knows nothing of |\n|---|---|---|\n| Tensors | `Sift.Tensors` | `Modle` |\n", "DESIGN.md"));
        Assert.Contains("Modle", badName.Message, StringComparison.Ordinal);
    }

    private sealed record FoundViolation(Type Target, string Message);

    /// <summary>The violations of a fixture type and its nested (compiler-generated) types, scanned as if in <paramref name="layer"/>.</summary>
    private static List<FoundViolation> FixtureViolations(LayerTable table, Type fixture, Layer layer)
    {
        var types = fixture.Assembly.GetTypes().Where(t => DependencyScanner.UserType(t) == fixture);
        var failures = new List<string>();
        var edges = DependencyScanner.Scan(types, IsSiftType, failures);
        Assert.Empty(failures);
        var byTarget = edges.Select(e => e.Target).Distinct();
        return byTarget.SelectMany(target =>
            Violations(table, edges.Where(e => e.Target == target).ToList(), _ => layer).Select(m => new FoundViolation(target, m))).ToList();
    }

    /// <summary>
    /// "A (layer X) uses B (layer Y, ...): sites", one line per pair of a source type (the type a
    /// closure belongs to) and a used type, sorted.
    /// </summary>
    private static List<string> Violations(LayerTable table, IReadOnlyList<TypeEdge> edges, Func<Type, Layer?> layerOfSource)
    {
        var lines = new List<string>();
        foreach (var group in edges.GroupBy(e => (Source: DependencyScanner.UserType(e.Source), e.Target)))
        {
            var from = layerOfSource(group.Key.Source);
            var to = table.LayerOf(group.Key.Target.Namespace);
            if (from is null || to is null) continue; // unmapped namespaces fail the mapping test
            var reason = LayerTable.Violation(from, to);
            if (reason is null) continue;
            var sites = group.Select(e => e.Site).Distinct().ToList();
            var where = new StringBuilder(string.Join("; ", sites.Take(3)));
            if (sites.Count > 3) where.Append($"; and {sites.Count - 3} more");
            lines.Add($"{Name(group.Key.Source)} (layer {from.Name}) uses {Name(group.Key.Target)} ({reason}) in: {where}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Name(Type t) => (t.FullName ?? t.Name).Replace('+', '.');
}
