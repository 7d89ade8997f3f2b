namespace Sift.Text.Chat;

/// <summary>
/// Recursive-descent parser with Jinja2's grammar and precedence (parse_condexpr → or → and → not →
/// compare → + - → ~ → * / // % → ** → unary → primary, postfix, filters and tests). Statements:
/// if/elif/else, for (with unpacking, an <c>if</c> filter and <c>else</c>), set (plain, tuple,
/// namespace attribute, block), macro, break/continue and transformers' generation block. Every
/// other tag is refused with its position.
/// </summary>
internal sealed class JinjaParser
{
    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", ">", "<=", ">="];

    private readonly string _name;
    private readonly List<JinjaToken> _tokens;
    private int _at;

    // How many for-loop bodies enclose the current position within the current function (the
    // template, a macro or a generation block each compile to one in Jinja2), so that
    // break and continue outside a loop are refused when parsing, as Jinja2 refuses them.
    private int _loopDepth;

    private JinjaParser(string name, List<JinjaToken> tokens)
    {
        _name = name;
        _tokens = tokens;
    }

    public static IReadOnlyList<JinjaNode> Parse(string name, string source)
    {
        var parser = new JinjaParser(name, JinjaLexer.Tokenize(name, source));
        var (body, end) = parser.ParseBody([]);
        if (end is not null) throw parser.Error(parser.Previous.Position, $"unexpected '{end}'");
        return body;
    }

    private JinjaToken Current => _tokens[_at];

    private JinjaToken Previous => _tokens[Math.Max(0, _at - 1)];

    private JinjaToken Peek(int ahead = 1) => _tokens[Math.Min(_at + ahead, _tokens.Count - 1)];

    private JinjaToken Next() => _tokens[_at < _tokens.Count - 1 ? _at++ : _at];

    private JinjaException Error(JinjaPosition at, string reason) => new(_name, at, reason);

    private bool SkipOperator(string op)
    {
        if (!Current.IsOperator(op)) return false;
        _at++;
        return true;
    }

    private bool SkipName(string name)
    {
        if (!Current.IsName(name)) return false;
        _at++;
        return true;
    }

    private void ExpectOperator(string op)
    {
        if (!SkipOperator(op)) throw Error(Current.Position, $"expected '{op}', found {Current.Describe()}");
    }

    private string ExpectName()
    {
        if (Current.Kind != JinjaTokenKind.Name) throw Error(Current.Position, $"expected a name, found {Current.Describe()}");
        return Next().Text;
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != JinjaTokenKind.BlockEnd) throw Error(Current.Position, $"expected the end of the tag '%}}', found {Current.Describe()}");
        _at++;
    }

    /// <summary>Parses statements until one of <paramref name="ends"/> opens a tag; returns them and that end name (consumed), or null at the template's end.</summary>
    private (List<JinjaNode> Body, string? End) ParseBody(string[] ends)
    {
        var body = new List<JinjaNode>();
        while (true)
        {
            var t = Current;
            switch (t.Kind)
            {
                case JinjaTokenKind.Data:
                    _at++;
                    body.Add(new TextNode(t.Position, t.Text));
                    break;
                case JinjaTokenKind.VariableBegin:
                    _at++;
                    var value = ParseTuple(withCondexpr: true);
                    if (Current.Kind != JinjaTokenKind.VariableEnd) throw Error(Current.Position, $"expected '}}}}', found {Current.Describe()}");
                    _at++;
                    body.Add(new OutputNode(t.Position, value));
                    break;
                case JinjaTokenKind.BlockBegin:
                    _at++;
                    if (Current.Kind != JinjaTokenKind.Name) throw Error(Current.Position, $"expected a tag name, found {Current.Describe()}");
                    if (ends.Contains(Current.Text))
                        return (body, Next().Text);
                    body.Add(ParseStatement());
                    break;
                case JinjaTokenKind.End:
                    if (ends.Length > 0) throw Error(t.Position, $"unexpected end of template: expected '{string.Join("' or '", ends)}'");
                    return (body, null);
                default:
                    throw Error(t.Position, $"unexpected {t.Describe()}");
            }
        }
    }

    private JinjaNode ParseStatement()
    {
        var tag = Next();
        switch (tag.Text)
        {
            case "if": return ParseIf(tag.Position);
            case "for": return ParseFor(tag.Position);
            case "set": return ParseSet(tag.Position);
            case "macro": return ParseMacro(tag.Position);
            case "break":
            case "continue":
                if (_loopDepth == 0) throw Error(tag.Position, $"'{tag.Text}' outside loop");
                ExpectBlockEnd();
                return tag.Text == "break" ? new BreakNode(tag.Position) : new ContinueNode(tag.Position);
            case "generation":
                ExpectBlockEnd();
                var (body, _) = OutsideLoops(() => ParseBody(["endgeneration"]));
                ExpectBlockEnd();
                return new GenerationNode(tag.Position, body);
            default:
                throw Error(tag.Position, tag.Text.StartsWith("end", StringComparison.Ordinal) || tag.Text is "else" or "elif"
                    ? $"unexpected '{tag.Text}'"
                    : $"unsupported tag '{tag.Text}' (this interpreter implements if, for, set, macro, break, continue and generation)");
        }
    }

    private T OutsideLoops<T>(Func<T> parse)
    {
        var saved = _loopDepth;
        _loopDepth = 0;
        try
        {
            return parse();
        }
        finally
        {
            _loopDepth = saved;
        }
    }

    private IfNode ParseIf(JinjaPosition position)
    {
        var branches = new List<KeyValuePair<JinjaExpr, IReadOnlyList<JinjaNode>>>();
        IReadOnlyList<JinjaNode> otherwise = [];
        var test = ParseTuple(withCondexpr: false);
        while (true)
        {
            ExpectBlockEnd();
            var (body, end) = ParseBody(["elif", "else", "endif"]);
            branches.Add(new(test, body));
            if (end == "elif")
            {
                test = ParseTuple(withCondexpr: false);
                continue;
            }
            if (end == "else")
            {
                ExpectBlockEnd();
                (otherwise, _) = ParseBody(["endif"]);
            }
            ExpectBlockEnd();
            return new IfNode(position, branches, otherwise);
        }
    }

    private ForNode ParseFor(JinjaPosition position)
    {
        var (targets, unpack) = ParseNameTargets("in");
        if (!SkipName("in")) throw Error(Current.Position, $"expected 'in', found {Current.Describe()}");
        var iterable = ParseTuple(withCondexpr: false, extraEnd: "if", stopAtRecursive: true);
        JinjaExpr? filter = null;
        if (SkipName("if")) filter = ParseExpression(withCondexpr: true);
        if (Current.IsName("recursive")) throw Error(Current.Position, "recursive for loops are not supported");
        ExpectBlockEnd();
        _loopDepth++;
        var (body, end) = ParseBody(["endfor", "else"]);
        _loopDepth--;
        IReadOnlyList<JinjaNode> otherwise = [];
        if (end == "else")
        {
            ExpectBlockEnd();
            (otherwise, _) = ParseBody(["endfor"]);
        }
        ExpectBlockEnd();
        return new ForNode(position, targets, unpack, iterable, filter, body, otherwise);
    }

    /// <summary>Assignment targets: <c>name</c> or <c>a, b</c> (optionally in parentheses).</summary>
    private (List<string> Names, bool Unpack) ParseNameTargets(string? stopName)
    {
        var names = new List<string>();
        var parenthesised = SkipOperator("(");
        var unpack = parenthesised;
        while (true)
        {
            names.Add(ExpectName());
            if (!SkipOperator(",")) break;
            unpack = true;
            if ((stopName is not null && Current.IsName(stopName)) || Current.IsOperator(")") || Current.IsOperator("=")) break;
        }
        if (parenthesised) ExpectOperator(")");
        return (names, unpack);
    }

    private JinjaNode ParseSet(JinjaPosition position)
    {
        if (Current.Kind == JinjaTokenKind.Name && Peek().IsOperator("."))
        {
            var ns = Next().Text;
            _at++;
            var attribute = ExpectName();
            ExpectOperator("=");
            var v = ParseTuple(withCondexpr: true);
            ExpectBlockEnd();
            return new SetNode(position, [ns], false, attribute, v);
        }
        var (targets, unpack) = ParseNameTargets(null);
        if (SkipOperator("="))
        {
            var value = ParseTuple(withCondexpr: true);
            ExpectBlockEnd();
            return new SetNode(position, targets, unpack, null, value);
        }
        if (unpack || targets.Count != 1) throw Error(Current.Position, "a block set assigns one name");
        if (Current.IsOperator("|")) throw Error(Current.Position, "filters on block set are not supported");
        ExpectBlockEnd();
        var (body, _) = ParseBody(["endset"]);
        ExpectBlockEnd();
        return new SetBlockNode(position, targets[0], body);
    }

    private MacroNode ParseMacro(JinjaPosition position)
    {
        var name = ExpectName();
        ExpectOperator("(");
        var parameters = new List<KeyValuePair<string, JinjaExpr?>>();
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0) ExpectOperator(",");
            if (Current.IsOperator(")")) break;
            var p = ExpectName();
            JinjaExpr? defaultValue = null;
            if (SkipOperator("=")) defaultValue = ParseExpression(withCondexpr: true);
            else if (parameters.Any(q => q.Value is not null)) throw Error(Previous.Position, "non-default argument follows default argument");
            parameters.Add(new(p, defaultValue));
        }
        _at++;
        ExpectBlockEnd();
        var (body, _) = OutsideLoops(() => ParseBody(["endmacro"]));
        if (Current.Kind == JinjaTokenKind.Name && Current.Text == name) _at++;
        ExpectBlockEnd();
        return new MacroNode(position, name, parameters, body);
    }

    private bool IsTupleEnd(string? extraEnd, bool stopAtRecursive) =>
        Current.Kind is JinjaTokenKind.VariableEnd or JinjaTokenKind.BlockEnd or JinjaTokenKind.End
        || Current.IsOperator(")")
        || (extraEnd is not null && Current.IsName(extraEnd))
        || (stopAtRecursive && Current.IsName("recursive"));

    /// <summary>An expression, or a tuple when commas separate several (<c>{{ a, b }}</c>, <c>set x = 1, 2</c>).</summary>
    private JinjaExpr ParseTuple(bool withCondexpr, string? extraEnd = null, bool stopAtRecursive = false, bool explicitParentheses = false)
    {
        var position = Current.Position;
        var items = new List<JinjaExpr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0) ExpectOperator(",");
            if (IsTupleEnd(extraEnd, stopAtRecursive)) break;
            items.Add(ParseExpression(withCondexpr));
            if (Current.IsOperator(",")) isTuple = true;
            else break;
        }
        if (!isTuple)
        {
            if (items.Count == 1) return items[0];
            if (!explicitParentheses) throw Error(Current.Position, $"expected an expression, found {Current.Describe()}");
        }
        return new ListExpr(position, items, IsTuple: true);
    }

    private JinjaExpr ParseExpression(bool withCondexpr) => withCondexpr ? ParseCondExpr() : ParseOr();

    private JinjaExpr ParseCondExpr()
    {
        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var position = Next().Position;
            var test = ParseOr();
            JinjaExpr? otherwise = SkipName("else") ? ParseCondExpr() : null;
            expr = new ConditionalExpr(position, test, expr, otherwise);
        }
        return expr;
    }

    private JinjaExpr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var position = Next().Position;
            left = new BinaryExpr(position, "or", left, ParseAnd());
        }
        return left;
    }

    private JinjaExpr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var position = Next().Position;
            left = new BinaryExpr(position, "and", left, ParseNot());
        }
        return left;
    }

    private JinjaExpr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var position = Next().Position;
            return new UnaryExpr(position, "not", ParseNot());
        }
        return ParseCompare();
    }

    private JinjaExpr ParseCompare()
    {
        var position = Current.Position;
        var first = ParseMath1();
        var rest = new List<KeyValuePair<string, JinjaExpr>>();
        while (true)
        {
            if (Current.Kind == JinjaTokenKind.Operator && CompareOperators.Contains(Current.Text))
            {
                var op = Next().Text;
                rest.Add(new(op, ParseMath1()));
            }
            else if (SkipName("in")) rest.Add(new("in", ParseMath1()));
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                _at += 2;
                rest.Add(new("notin", ParseMath1()));
            }
            else break;
        }
        return rest.Count == 0 ? first : new CompareExpr(position, first, rest);
    }

    private JinjaExpr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOperator("+") || Current.IsOperator("-"))
        {
            var t = Next();
            left = new BinaryExpr(t.Position, t.Text, left, ParseConcat());
        }
        return left;
    }

    private JinjaExpr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.IsOperator("~"))
        {
            var t = Next();
            left = new BinaryExpr(t.Position, "~", left, ParseMath2());
        }
        return left;
    }

    private JinjaExpr ParseMath2()
    {
        var left = ParsePow();
        while (Current.IsOperator("*") || Current.IsOperator("/") || Current.IsOperator("//") || Current.IsOperator("%"))
        {
            var t = Next();
            left = new BinaryExpr(t.Position, t.Text, left, ParsePow());
        }
        return left;
    }

    private JinjaExpr ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (Current.IsOperator("**"))
        {
            var t = Next();
            left = new BinaryExpr(t.Position, "**", left, ParseUnary(withFilter: true));
        }
        return left;
    }

    private JinjaExpr ParseUnary(bool withFilter)
    {
        JinjaExpr node;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            var t = Next();
            node = new UnaryExpr(t.Position, t.Text, ParseUnary(withFilter: false));
        }
        else node = ParsePrimary();
        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private JinjaExpr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case JinjaTokenKind.Name:
                _at++;
                return t.Text switch
                {
                    "true" or "True" => new LiteralExpr(t.Position, JinjaValue.True),
                    "false" or "False" => new LiteralExpr(t.Position, JinjaValue.False),
                    "none" or "None" => new LiteralExpr(t.Position, JinjaValue.None),
                    _ => new NameExpr(t.Position, t.Text),
                };
            case JinjaTokenKind.String:
                var text = Next().Text;
                // Adjacent string literals concatenate, as in Python.
                while (Current.Kind == JinjaTokenKind.String) text += Next().Text;
                return new LiteralExpr(t.Position, JinjaValue.From(text));
            case JinjaTokenKind.Integer:
            case JinjaTokenKind.Float:
                _at++;
                return new LiteralExpr(t.Position, JinjaValue.ParseNumber(t.Text, t.Kind == JinjaTokenKind.Float));
            case JinjaTokenKind.Operator when t.Text == "(":
                _at++;
                var inner = ParseTuple(withCondexpr: true, explicitParentheses: true);
                ExpectOperator(")");
                return inner;
            case JinjaTokenKind.Operator when t.Text == "[":
                _at++;
                var items = new List<JinjaExpr>();
                while (!Current.IsOperator("]"))
                {
                    if (items.Count > 0) ExpectOperator(",");
                    if (Current.IsOperator("]")) break;
                    items.Add(ParseExpression(withCondexpr: true));
                }
                _at++;
                return new ListExpr(t.Position, items, IsTuple: false);
            case JinjaTokenKind.Operator when t.Text == "{":
                _at++;
                var pairs = new List<KeyValuePair<JinjaExpr, JinjaExpr>>();
                while (!Current.IsOperator("}"))
                {
                    if (pairs.Count > 0) ExpectOperator(",");
                    if (Current.IsOperator("}")) break;
                    var key = ParseExpression(withCondexpr: true);
                    ExpectOperator(":");
                    pairs.Add(new(key, ParseExpression(withCondexpr: true)));
                }
                _at++;
                return new DictExpr(t.Position, pairs);
            default:
                throw Error(t.Position, $"unexpected {t.Describe()}");
        }
    }

    private JinjaExpr ParsePostfix(JinjaExpr node)
    {
        while (true)
        {
            var t = Current;
            if (t.IsOperator("."))
            {
                _at++;
                var attr = Next();
                node = attr.Kind switch
                {
                    JinjaTokenKind.Name => new AttributeExpr(t.Position, node, attr.Text),
                    JinjaTokenKind.Integer => new ItemExpr(t.Position, node, new LiteralExpr(attr.Position, JinjaValue.ParseNumber(attr.Text, false))),
                    _ => throw Error(attr.Position, $"expected an attribute name after '.', found {attr.Describe()}"),
                };
            }
            else if (t.IsOperator("["))
            {
                _at++;
                node = ParseSubscript(t.Position, node);
            }
            else if (t.IsOperator("("))
            {
                node = new CallExpr(t.Position, node, ParseCallArguments());
            }
            else return node;
        }
    }

    private JinjaExpr ParseSubscript(JinjaPosition position, JinjaExpr target)
    {
        JinjaExpr? start = null, stop = null, step = null;
        if (!Current.IsOperator(":")) start = ParseExpression(withCondexpr: true);
        if (SkipOperator(":"))
        {
            if (!Current.IsOperator("]") && !Current.IsOperator(":")) stop = ParseExpression(withCondexpr: true);
            if (SkipOperator(":") && !Current.IsOperator("]")) step = ParseExpression(withCondexpr: true);
            ExpectOperator("]");
            return new SliceExpr(position, target, start, stop, step);
        }
        if (Current.IsOperator(",")) throw Error(Current.Position, "tuple subscripts are not supported");
        ExpectOperator("]");
        return new ItemExpr(position, target, start!);
    }

    private CallArguments ParseCallArguments()
    {
        ExpectOperator("(");
        var positional = new List<JinjaExpr>();
        var keywords = new List<KeyValuePair<string, JinjaExpr>>();
        while (!Current.IsOperator(")"))
        {
            if (positional.Count + keywords.Count > 0) ExpectOperator(",");
            if (Current.IsOperator(")")) break;
            if (Current.IsOperator("*") || Current.IsOperator("**")) throw Error(Current.Position, "*args and **kwargs in calls are not supported");
            if (Current.Kind == JinjaTokenKind.Name && Peek().IsOperator("="))
            {
                var key = Next().Text;
                _at++;
                if (keywords.Any(k => k.Key == key)) throw Error(Previous.Position, $"keyword argument '{key}' repeated");
                keywords.Add(new(key, ParseExpression(withCondexpr: true)));
            }
            else
            {
                if (keywords.Count > 0) throw Error(Current.Position, "positional argument follows keyword argument");
                positional.Add(ParseExpression(withCondexpr: true));
            }
        }
        _at++;
        return new CallArguments(positional, keywords);
    }

    private JinjaExpr ParseFilterExpr(JinjaExpr node)
    {
        while (true)
        {
            var t = Current;
            if (t.IsOperator("|"))
            {
                _at++;
                var at = Current.Position;
                var name = ParseDottedName();
                if (!JinjaFilters.IsKnown(name)) throw Error(at, $"unsupported filter '{name}'");
                var args = Current.IsOperator("(") ? ParseCallArguments() : CallArguments.Empty;
                node = new FilterExpr(t.Position, node, name, args);
            }
            else if (t.IsName("is"))
            {
                _at++;
                var negated = SkipName("not");
                var at = Current.Position;
                var name = ParseDottedName();
                if (!JinjaPredicates.IsKnown(name)) throw Error(at, $"unsupported test '{name}'");
                CallArguments args;
                if (Current.IsOperator("(")) args = ParseCallArguments();
                else if ((Current.Kind is JinjaTokenKind.Name or JinjaTokenKind.String or JinjaTokenKind.Integer or JinjaTokenKind.Float
                          || Current.IsOperator("(") || Current.IsOperator("[") || Current.IsOperator("{"))
                         && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
                {
                    if (Current.IsName("is")) throw Error(Current.Position, "you cannot chain multiple tests with is");
                    // Jinja's one-argument form: `x is divisibleby 3`, `x is sameas none`.
                    args = new CallArguments([ParsePostfix(ParsePrimary())], []);
                }
                else args = CallArguments.Empty;
                node = new TestExpr(t.Position, node, name, args, negated);
            }
            else if (t.IsOperator("("))
            {
                node = new CallExpr(t.Position, node, ParseCallArguments());
            }
            else return node;
        }
    }

    private string ParseDottedName()
    {
        var name = ExpectName();
        while (Current.IsOperator(".") && Peek().Kind == JinjaTokenKind.Name)
        {
            _at++;
            name += "." + Next().Text;
        }
        return name;
    }
}
