using Sift.Text.Chat;

namespace Sift.Tests.Text.Chat;

/// <summary>What the fixtures cannot show: positions in errors, refusals, generation spans and Python details.</summary>
public sealed class JinjaTemplateTests
{
    private static string Render(string source, params (string Name, JinjaValue Value)[] vars) =>
        JinjaTemplate.Parse(source, "t").Render(vars.ToDictionary(v => v.Name, v => v.Value));

    [Theory]
    [InlineData("ab\n  {% frobnicate %}", "t:2:6: unsupported tag 'frobnicate'")]
    [InlineData("{{ x | shout }}", "t:1:8: unsupported filter 'shout'")]
    [InlineData("{{ x is shouty }}", "t:1:9: unsupported test 'shouty'")]
    [InlineData("\n\n{% raw %}x{% endraw %}", "t:3:1: {% raw %} blocks are not supported")]
    [InlineData("{{ f(*a) }}", "t:1:6: *args and **kwargs in calls are not supported")]
    [InlineData("{% for x in y recursive %}{% endfor %}", "t:1:15: recursive for loops are not supported")]
    [InlineData("{% if x %}", "t:1:11: unexpected end of template: expected 'elif' or 'else' or 'endif'")]
    [InlineData("{{ 'a' ", "t:1:1: the tag opened here is never closed with '}}'")]
    [InlineData("{# x", "t:1:1: missing end of comment tag '#}'")]
    public void Unsupported_or_broken_templates_are_refused_at_their_position(string source, string message)
    {
        var e = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source, "t"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_errors_name_the_position_of_the_failing_expression()
    {
        var e = Assert.Throws<JinjaException>(() => Render("line one\n{{ 'a' ~ (messages[0].content + 1) }}", ("messages", JinjaJson.Parse("""[{"content": "x"}]"""))));
        Assert.Equal("t:2:31: unsupported operand type(s) for +: 'str' and 'int'", e.Message);
        var raised = Assert.Throws<JinjaException>(() => Render("{{ raise_exception('no system role') }}"));
        Assert.True(raised.RaisedByTemplate);
        Assert.Equal("no system role", raised.Reason);
        Assert.Equal(new JinjaPosition(1, 19), raised.Position); // the call's "("
    }

    [Fact]
    public void Generation_blocks_render_their_body_and_report_where_it_went()
    {
        var t = JinjaTemplate.Parse("{% for m in messages %}<{{ m }}>{% if loop.last %}{% generation %}{{ m | upper }}!{% endgeneration %}{% endif %}{% endfor %}");
        var (text, spans) = t.RenderWithSpans(new Dictionary<string, JinjaValue> { ["messages"] = JinjaJson.Parse("""["a", "b"]""") });
        Assert.Equal("<a><b>B!", text);
        Assert.Equal([(6, 8)], spans);
    }

    [Fact]
    public void Set_inside_a_loop_does_not_leak_but_a_namespace_carries_state()
    {
        Assert.Equal("1110", Render("{% set c = 0 %}{% for i in range(3) %}{% set c = c + 1 %}{{ c }}{% endfor %}{{ c }}"));
        Assert.Equal("3", Render("{% set ns = namespace(c=0) %}{% for i in range(3) %}{% set ns.c = ns.c + 1 %}{% endfor %}{{ ns.c }}"));
    }

    [Fact]
    public void Strings_are_measured_and_sliced_by_code_point_as_in_python()
    {
        Assert.Equal("3|😀|b😀a", Render("{{ s | length }}|{{ s[1] }}|{{ s[::-1] }}", ("s", JinjaValue.From("a😀b"))));
    }

    [Fact]
    public void Python_float_repr_and_values()
    {
        foreach (var (value, repr) in new[] { (1.0, "1.0"), (0.1, "0.1"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1.5e-5, "1.5e-05"), (0.0001, "0.0001"), (-2.5, "-2.5"), (123456.789, "123456.789"), (1e-320, "1e-320") })
            Assert.Equal(repr, Render("{{ x }}", ("x", JinjaValue.From(value))));
        Assert.Equal("None|True|[1, 'a']|{'k': (1,)}", Render("{{ none }}|{{ true }}|{{ [1, 'a'] }}|{{ {'k': (1,)} }}"));
    }

    [Fact]
    public void Json_numbers_keep_their_type()
    {
        Assert.Equal("1 1.0 [1, 2.5]", Render("{{ v[0] }} {{ v[1] }} {{ v[2] }}", ("v", JinjaJson.Parse("[1, 1.0, [1, 2.5]]"))));
    }
}
