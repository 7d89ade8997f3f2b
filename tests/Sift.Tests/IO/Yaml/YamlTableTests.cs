using Sift.IO.Yaml;

namespace Sift.Tests.IO.Yaml;

public sealed class YamlTableTests
{
    private sealed record Inner
    {
        public int A { get; init; } = 1;
        public float F { get; init; } = 0.5f;
    }

    private sealed record Outer
    {
        public string Name { get; init; } = "x";
        public double K { get; init; } = 0.25;
        public Inner Base { get; init; } = new();
        public Inner? Extra { get; init; }
        public IReadOnlyList<int> Seeds { get; init; } = [1];
    }

    private static readonly YamlTable<Inner> InnerTable = new YamlTable<Inner>()
        .Int("a", i => i.A, (i, v) => i with { A = v }, 0, 10)
        .Float("f", i => i.F, (i, v) => i with { F = v }, -1e39, 1e39)
        .Validate((s, node, prefix, i) => i.A != 7 ? i : throw s.Reader.Error(node, prefix + "a", "7 is unlucky"));

    private static readonly YamlTable<Outer> Table = new YamlTable<Outer>()
        .String("name", o => o.Name, (o, v) => o with { Name = v })
        .Double("k", o => o.K, (o, v) => o with { K = v }, 0, 1)
        .Section("base", o => o.Base, (o, v) => o with { Base = v }, InnerTable)
        .OptionalSection("extra", o => o.Extra, (o, v) => o with { Extra = v }, InnerTable, (o, _) => o.Base)
        .IntList("seeds", o => o.Seeds, (o, v) => o with { Seeds = v });

    private static Outer Parse(string yaml, YamlTable<Outer>? table = null) => (table ?? Table).Parse(yaml, new YamlFieldReader("t.yaml", "/"), new Outer());

    [Theory]
    [InlineData("base:\n  a: 1\n  b: 2\n", "t.yaml:3: base.b: unknown field; known fields here: a, f")]
    [InlineData("k: half\n", "t.yaml:1: k: 'half' is not a number")]
    [InlineData("k: 3/2\n", "t.yaml:1: k: 3/2 is out of range [0, 1]")]
    [InlineData("extra: {a: 7}\n", "t.yaml:1: extra.a: 7 is unlucky")]
    [InlineData("base: 3\n", "t.yaml:1: base: expected a mapping of fields")]
    public void Errors_name_file_line_and_field(string yaml, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<ConfigException>(() => Parse(yaml)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_subset_table_knows_only_its_fields()
    {
        var only = Table.Only("name", "k");
        Assert.StartsWith("t.yaml:1: seeds: unknown field; known fields here: name, k", Assert.Throws<ConfigException>(() => Parse("seeds: [1]\n", only)).Message, StringComparison.Ordinal);
        Assert.Equal(0.0625, Parse("k: 1/16\n", only).K);
    }

    [Fact]
    public void An_optional_section_falls_back_when_given_keeps_when_absent_and_null_unsets()
    {
        Assert.Null(Parse("name: y\n").Extra);
        Assert.Equal(new Inner { A = 3, F = 2 }, Parse("base: {a: 3}\nextra: {f: 2}\n").Extra); // read over base (read first)
        Assert.Null(Table.Parse("extra: null\n", new YamlFieldReader("t.yaml"), new Outer { Extra = new Inner() }).Extra);
        var w = Table.ToYaml(new Outer(), new Outer { Extra = new Inner() });
        Assert.Contains("extra: null", w, StringComparison.Ordinal);
        Assert.DoesNotContain("extra", Table.ToYaml(new Outer(), new Outer()), StringComparison.Ordinal);
    }

    [Fact]
    public void Written_numbers_read_back_exactly_and_the_text_is_deterministic()
    {
        var random = new Random(5);
        for (int i = 0; i < 500; i++)
        {
            var o = new Outer
            {
                Name = "q\"uo\\te\n",
                K = random.NextDouble(),
                Base = new Inner { A = random.Next(0, 7), F = (float)(random.NextDouble() * Math.Pow(10, random.Next(-20, 20))) },
                Extra = new Inner { F = BitConverter.Int32BitsToSingle(random.Next(0, 0x7F000000)) },
                Seeds = [random.Next(), -random.Next()],
            };
            var yaml = Table.ToYaml(o, null);
            var back = Parse(yaml);
            Assert.Equal((o.Name, o.K, o.Base, o.Extra), (back.Name, back.K, back.Base, back.Extra));
            Assert.Equal(o.Seeds, back.Seeds);
            Assert.Equal(yaml, Table.ToYaml(back, null));
        }
    }
}
