namespace Sift.Text.Chat;

/// <summary>
/// A parsed Jinja template, rendered as transformers renders chat templates: Jinja2 with
/// <c>trim_blocks</c> and <c>lstrip_blocks</c>, the loop-controls extension, transformers'
/// <c>tojson</c>, <c>raise_exception</c> and <c>strftime_now</c>, in an immutable sandbox. It is a
/// subset: anything outside it (an unknown tag, filter or test, <c>{% raw %}</c>, <c>*args</c>, ...)
/// is refused with the template position when parsing or rendering, never rendered differently.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<JinjaNode> _body;

    private JinjaTemplate(string name, string source, IReadOnlyList<JinjaNode> body)
    {
        Name = name;
        Source = source;
        _body = body;
    }

    /// <summary>The name errors cite (e.g. <c>tokenizer_config.json chat_template</c>).</summary>
    public string Name { get; }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; a syntax error or an unsupported construct throws a <see cref="JinjaException"/>.</summary>
    public static JinjaTemplate Parse(string source, string name = "template")
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(name, source, JinjaParser.Parse(name, source));
    }

    /// <summary>Renders with <paramref name="variables"/> (they shadow the globals); <paramref name="now"/> is what <c>strftime_now</c> formats.</summary>
    public string Render(IReadOnlyDictionary<string, JinjaValue> variables, DateTime? now = null) => RenderWithSpans(variables, now).Text;

    /// <summary>Renders, also returning the output ranges written inside <c>{% generation %}</c> blocks.</summary>
    public (string Text, IReadOnlyList<(int Start, int End)> GenerationSpans) RenderWithSpans(IReadOnlyDictionary<string, JinjaValue> variables, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var globals = new JinjaScope(null);
        JinjaGlobals.AddTo(globals, now ?? DateTime.Now);
        var scope = new JinjaScope(globals);
        foreach (var (k, v) in variables) scope.Set(k, v);
        var renderer = new JinjaRenderer(Name);
        var text = renderer.Render(_body, scope);
        return (text, renderer.GenerationSpans);
    }
}
