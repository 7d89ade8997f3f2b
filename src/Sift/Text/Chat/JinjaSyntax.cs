namespace Sift.Text.Chat;

// The syntax tree of a template: expressions (values) and statements (what renders). One file,
// since the node types are one concept and only make sense together.

/// <summary>An expression, with where it starts for error messages.</summary>
internal abstract record JinjaExpr(JinjaPosition Position);

internal sealed record LiteralExpr(JinjaPosition Position, JinjaValue Value) : JinjaExpr(Position);

internal sealed record NameExpr(JinjaPosition Position, string Name) : JinjaExpr(Position);

/// <summary><c>target.name</c>: attribute first, then item (Jinja's <c>getattr</c>).</summary>
internal sealed record AttributeExpr(JinjaPosition Position, JinjaExpr Target, string Name) : JinjaExpr(Position);

/// <summary><c>target[key]</c>: item first, then attribute (Jinja's <c>getitem</c>).</summary>
internal sealed record ItemExpr(JinjaPosition Position, JinjaExpr Target, JinjaExpr Key) : JinjaExpr(Position);

internal sealed record SliceExpr(JinjaPosition Position, JinjaExpr Target, JinjaExpr? Start, JinjaExpr? Stop, JinjaExpr? Step) : JinjaExpr(Position);

internal sealed record CallArguments(IReadOnlyList<JinjaExpr> Positional, IReadOnlyList<KeyValuePair<string, JinjaExpr>> Keywords)
{
    public static CallArguments Empty { get; } = new([], []);
}

internal sealed record CallExpr(JinjaPosition Position, JinjaExpr Callee, CallArguments Arguments) : JinjaExpr(Position);

internal sealed record FilterExpr(JinjaPosition Position, JinjaExpr Operand, string Name, CallArguments Arguments) : JinjaExpr(Position);

internal sealed record TestExpr(JinjaPosition Position, JinjaExpr Operand, string Name, CallArguments Arguments, bool Negated) : JinjaExpr(Position);

/// <summary><c>not x</c>, <c>-x</c>, <c>+x</c>.</summary>
internal sealed record UnaryExpr(JinjaPosition Position, string Operator, JinjaExpr Operand) : JinjaExpr(Position);

/// <summary>Arithmetic (<c>+ - * / // % **</c>), concatenation (<c>~</c>) and the short-circuit <c>and</c>/<c>or</c>.</summary>
internal sealed record BinaryExpr(JinjaPosition Position, string Operator, JinjaExpr Left, JinjaExpr Right) : JinjaExpr(Position);

/// <summary>A comparison chain <c>a &lt; b &lt;= c</c>; operators are <c>== != &lt; &gt; &lt;= &gt;= in notin</c>.</summary>
internal sealed record CompareExpr(JinjaPosition Position, JinjaExpr First, IReadOnlyList<KeyValuePair<string, JinjaExpr>> Rest) : JinjaExpr(Position);

/// <summary><c>then if test else otherwise</c>; without <c>else</c> the false branch is Undefined.</summary>
internal sealed record ConditionalExpr(JinjaPosition Position, JinjaExpr Test, JinjaExpr Then, JinjaExpr? Otherwise) : JinjaExpr(Position);

internal sealed record ListExpr(JinjaPosition Position, IReadOnlyList<JinjaExpr> Items, bool IsTuple) : JinjaExpr(Position);

internal sealed record DictExpr(JinjaPosition Position, IReadOnlyList<KeyValuePair<JinjaExpr, JinjaExpr>> Pairs) : JinjaExpr(Position);

/// <summary>A statement or piece of output.</summary>
internal abstract record JinjaNode(JinjaPosition Position);

internal sealed record TextNode(JinjaPosition Position, string Text) : JinjaNode(Position);

internal sealed record OutputNode(JinjaPosition Position, JinjaExpr Value) : JinjaNode(Position);

internal sealed record IfNode(JinjaPosition Position, IReadOnlyList<KeyValuePair<JinjaExpr, IReadOnlyList<JinjaNode>>> Branches, IReadOnlyList<JinjaNode> Else) : JinjaNode(Position);

/// <summary><c>for a, b in items if cond</c> ... <c>else</c> ... <c>endfor</c>.</summary>
internal sealed record ForNode(JinjaPosition Position, IReadOnlyList<string> Targets, bool Unpack, JinjaExpr Iterable, JinjaExpr? Filter,
    IReadOnlyList<JinjaNode> Body, IReadOnlyList<JinjaNode> Else) : JinjaNode(Position);

/// <summary><c>set name = v</c>, <c>set a, b = v</c>, or <c>set ns.attr = v</c> (then <see cref="Attribute"/> is set and Targets has the namespace).</summary>
internal sealed record SetNode(JinjaPosition Position, IReadOnlyList<string> Targets, bool Unpack, string? Attribute, JinjaExpr Value) : JinjaNode(Position);

/// <summary><c>set name</c> ... <c>endset</c>: the rendered body as a string.</summary>
internal sealed record SetBlockNode(JinjaPosition Position, string Target, IReadOnlyList<JinjaNode> Body) : JinjaNode(Position);

internal sealed record MacroNode(JinjaPosition Position, string Name, IReadOnlyList<KeyValuePair<string, JinjaExpr?>> Parameters, IReadOnlyList<JinjaNode> Body) : JinjaNode(Position);

internal sealed record BreakNode(JinjaPosition Position) : JinjaNode(Position);

internal sealed record ContinueNode(JinjaPosition Position) : JinjaNode(Position);

/// <summary>transformers' <c>{% generation %}</c> ... <c>{% endgeneration %}</c>: renders its body; marks the assistant's text.</summary>
internal sealed record GenerationNode(JinjaPosition Position, IReadOnlyList<JinjaNode> Body) : JinjaNode(Position);
