using System.Text;

namespace Sift.Text.Chat;

/// <summary>
/// Evaluates a parsed template. Control flow is a return value (<see cref="Flow"/>), not an
/// exception; every error raised below an expression or statement is re-raised as a
/// <see cref="JinjaException"/> carrying that node's position.
/// </summary>
internal sealed class JinjaRenderer
{
    private enum Flow { Normal, Break, Continue }

    private readonly string _name;
    private readonly StringBuilder _root = new();
    private readonly List<(int Start, int End)> _generationSpans = [];

    public JinjaRenderer(string name) => _name = name;

    /// <summary>The character ranges of the output rendered inside <c>{% generation %}</c> blocks.</summary>
    public IReadOnlyList<(int Start, int End)> GenerationSpans => _generationSpans;

    public string Render(IReadOnlyList<JinjaNode> body, JinjaScope scope)
    {
        var flow = RenderBody(body, scope, _root);
        if (flow != Flow.Normal) throw new JinjaException(_name, default, $"'{(flow == Flow.Break ? "break" : "continue")}' outside a for loop");
        return _root.ToString();
    }

    private JinjaException Error(JinjaPosition at, string reason, bool raised = false) => new(_name, at, reason) { RaisedByTemplate = raised };

    private T At<T>(JinjaPosition position, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (JinjaRuntimeException e)
        {
            throw Error(position, e.Message, e.RaisedByTemplate);
        }
        catch (OverflowException)
        {
            throw Error(position, "integer overflow (values beyond 64 bits are not supported)");
        }
    }

    private Flow RenderBody(IReadOnlyList<JinjaNode> body, JinjaScope scope, StringBuilder sb)
    {
        foreach (var node in body)
        {
            var flow = RenderNode(node, scope, sb);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow RenderNode(JinjaNode node, JinjaScope scope, StringBuilder sb)
    {
        switch (node)
        {
            case TextNode t:
                sb.Append(t.Text);
                return Flow.Normal;
            case OutputNode o:
                sb.Append(PythonText.Str(Eval(o.Value, scope)));
                return Flow.Normal;
            case IfNode i:
                foreach (var (test, branch) in i.Branches)
                    if (Eval(test, scope).IsTruthy) return RenderBody(branch, scope, sb);
                return RenderBody(i.Else, scope, sb);
            case ForNode f:
                return RenderFor(f, scope, sb);
            case SetNode s:
                Assign(s, scope);
                return Flow.Normal;
            case SetBlockNode b:
                var captured = new StringBuilder();
                var inner = RenderBody(b.Body, new JinjaScope(scope), captured);
                // Jinja2 compiles a block set inline: a break or continue in it leaves the loop, unassigned.
                if (inner != Flow.Normal) return inner;
                scope.Set(b.Target, JinjaValue.From(captured.ToString()));
                return Flow.Normal;
            case MacroNode m:
                scope.Set(m.Name, JinjaValue.Function(a => CallMacro(m, scope, a)));
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case GenerationNode g:
                var start = sb.Length;
                var flow = RenderBody(g.Body, scope, sb);
                if (ReferenceEquals(sb, _root)) _generationSpans.Add((start, sb.Length));
                return flow;
            default:
                throw Error(node.Position, $"unsupported statement {node.GetType().Name}");
        }
    }

    /// <summary>
    /// Renders a loop. As Jinja2 compiles it, the else block runs unless some iteration reached the
    /// end of the body (one left by break or continue does not count), and a break or continue in the
    /// else block belongs to the enclosing loop, so its flow is returned.
    /// </summary>
    private Flow RenderFor(ForNode f, JinjaScope scope, StringBuilder sb)
    {
        var iterable = Eval(f.Iterable, scope);
        var items = At(f.Iterable.Position, () => JinjaOperations.Iterate(iterable));
        if (f.Filter is not null)
        {
            items = items.Where(x =>
            {
                var s = new JinjaScope(scope);
                Bind(f, s, x);
                return Eval(f.Filter, s).IsTruthy;
            }).ToArray();
        }
        var completed = false;
        for (var i = 0; i < items.Count; i++)
        {
            var iteration = new JinjaScope(scope);
            Bind(f, iteration, items[i]);
            iteration.Set("loop", LoopObject(i, items));
            var flow = RenderBody(f.Body, iteration, sb);
            if (flow == Flow.Break) break;
            if (flow == Flow.Normal) completed = true;
        }
        return completed ? Flow.Normal : RenderBody(f.Else, new JinjaScope(scope), sb);
    }

    private void Bind(ForNode f, JinjaScope scope, JinjaValue item)
    {
        if (!f.Unpack)
        {
            scope.Set(f.Targets[0], item);
            return;
        }
        var parts = At(f.Position, () => JinjaOperations.Iterate(item));
        if (parts.Count != f.Targets.Count)
            throw Error(f.Position, parts.Count < f.Targets.Count
                ? $"not enough values to unpack (expected {f.Targets.Count}, got {parts.Count})"
                : $"too many values to unpack (expected {f.Targets.Count})");
        for (var k = 0; k < parts.Count; k++) scope.Set(f.Targets[k], parts[k]);
    }

    private static JinjaValue LoopObject(int i, IReadOnlyList<JinjaValue> items)
    {
        var n = items.Count;
        var loop = new JinjaDict
        {
            ["index"] = JinjaValue.From((long)i + 1),
            ["index0"] = JinjaValue.From((long)i),
            ["revindex"] = JinjaValue.From((long)(n - i)),
            ["revindex0"] = JinjaValue.From((long)(n - i - 1)),
            ["first"] = JinjaValue.From(i == 0),
            ["last"] = JinjaValue.From(i == n - 1),
            ["length"] = JinjaValue.From((long)n),
            ["previtem"] = i > 0 ? items[i - 1] : JinjaValue.UndefinedNamed("there is no previous item"),
            ["nextitem"] = i < n - 1 ? items[i + 1] : JinjaValue.UndefinedNamed("there is no next item"),
            ["depth"] = JinjaValue.From(1L),
            ["depth0"] = JinjaValue.From(0L),
            ["cycle"] = JinjaValue.Function(a =>
            {
                if (a.Positional.Count == 0) throw new JinjaRuntimeException("no items for cycling given");
                return a.Positional[i % a.Positional.Count];
            }),
        };
        return JinjaValue.Dict(loop);
    }

    private void Assign(SetNode s, JinjaScope scope)
    {
        var value = Eval(s.Value, scope);
        if (s.Attribute is not null)
        {
            var ns = scope.Lookup(s.Targets[0]);
            if (ns.Kind != JinjaKind.Namespace) throw Error(s.Position, $"cannot assign attribute on non-namespace object ('{s.Targets[0]}' is {ns.TypeName})");
            ns.AsDict[s.Attribute] = value;
            return;
        }
        if (!s.Unpack)
        {
            scope.Set(s.Targets[0], value);
            return;
        }
        var parts = At(s.Position, () => JinjaOperations.Iterate(value));
        if (parts.Count != s.Targets.Count) throw Error(s.Position, $"cannot unpack {parts.Count} values into {s.Targets.Count} names");
        for (var k = 0; k < parts.Count; k++) scope.Set(s.Targets[k], parts[k]);
    }

    private JinjaValue CallMacro(MacroNode m, JinjaScope definition, JinjaArguments a)
    {
        var scope = new JinjaScope(definition);
        if (a.Positional.Count > m.Parameters.Count)
            throw new JinjaRuntimeException($"macro '{m.Name}' takes not more than {m.Parameters.Count} argument(s)");
        foreach (var (k, _) in a.Keywords.Entries)
            if (!m.Parameters.Any(p => p.Key == k)) throw new JinjaRuntimeException($"macro '{m.Name}' takes no keyword argument '{k}'");
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            var (name, deflt) = m.Parameters[i];
            JinjaValue value;
            if (i < a.Positional.Count)
            {
                if (a.Keywords.ContainsKey(name)) throw new JinjaRuntimeException($"macro '{m.Name}' got multiple values for argument '{name}'");
                value = a.Positional[i];
            }
            else if (a.Keywords.TryGetValue(name, out var kw)) value = kw;
            else value = deflt is null ? JinjaValue.UndefinedNamed($"parameter '{name}' was not provided") : Eval(deflt, scope);
            scope.Set(name, value);
        }
        var sb = new StringBuilder();
        if (RenderBody(m.Body, scope, sb) != Flow.Normal) throw new JinjaRuntimeException("break/continue outside a for loop in a macro");
        return JinjaValue.From(sb.ToString());
    }

    private JinjaValue Eval(JinjaExpr e, JinjaScope scope) => At(e.Position, () => EvalCore(e, scope));

    private JinjaArguments Arguments(string callee, CallArguments args, JinjaScope scope, JinjaValue? first = null)
    {
        var positional = new List<JinjaValue>(args.Positional.Count + 1);
        if (first is not null) positional.Add(first);
        foreach (var p in args.Positional) positional.Add(Eval(p, scope));
        var keywords = new JinjaDict();
        foreach (var (k, v) in args.Keywords) keywords[k] = Eval(v, scope);
        return new JinjaArguments(callee, first is null ? positional : positional.Skip(1).ToArray(), keywords);
    }

    private JinjaValue EvalCore(JinjaExpr e, JinjaScope scope)
    {
        switch (e)
        {
            case LiteralExpr l: return l.Value;
            case NameExpr n: return scope.Lookup(n.Name);
            case AttributeExpr a: return JinjaOperations.GetAttribute(Eval(a.Target, scope), a.Name);
            case ItemExpr i:
                var target = Eval(i.Target, scope);
                return JinjaOperations.GetItem(target, Eval(i.Key, scope));
            case SliceExpr s:
                var sliced = Eval(s.Target, scope);
                JinjaValue Part(JinjaExpr? x) => x is null ? JinjaValue.None : Eval(x, scope);
                return JinjaOperations.Slice(sliced, Part(s.Start), Part(s.Stop), Part(s.Step));
            case CallExpr c:
                var callee = Eval(c.Callee, scope);
                if (callee.IsUndefined) throw JinjaOperations.UndefinedError(callee);
                if (callee.Kind != JinjaKind.Function) throw new JinjaRuntimeException($"'{callee.TypeName}' object is not callable");
                var name = c.Callee switch { NameExpr ne => ne.Name, AttributeExpr ae => ae.Name, _ => "function" };
                return callee.AsFunction(Arguments(name, c.Arguments, scope));
            case FilterExpr f:
                var operand = Eval(f.Operand, scope);
                return JinjaFilters.Apply(f.Name, operand, Arguments(f.Name, f.Arguments, scope));
            case TestExpr t:
                var tested = Eval(t.Operand, scope);
                return JinjaValue.From(JinjaPredicates.Apply(t.Name, tested, Arguments(t.Name, t.Arguments, scope)) != t.Negated);
            case UnaryExpr u:
                var x = Eval(u.Operand, scope);
                if (u.Operator == "not") return JinjaValue.From(!x.IsTruthy);
                if (x.IsUndefined) throw JinjaOperations.UndefinedError(x);
                return (u.Operator, x.Kind) switch
                {
                    ("-", JinjaKind.Integer or JinjaKind.Boolean) => JinjaValue.From(checked(-x.AsInteger)),
                    ("-", JinjaKind.Float) => JinjaValue.From(-x.AsDouble),
                    ("+", JinjaKind.Integer or JinjaKind.Boolean) => JinjaValue.From(x.AsInteger),
                    ("+", JinjaKind.Float) => x,
                    _ => throw new JinjaRuntimeException($"bad operand type for unary {u.Operator}: '{x.TypeName}'"),
                };
            case BinaryExpr b:
                var left = Eval(b.Left, scope);
                if (b.Operator == "and") return left.IsTruthy ? Eval(b.Right, scope) : left;
                if (b.Operator == "or") return left.IsTruthy ? left : Eval(b.Right, scope);
                return JinjaOperations.Binary(b.Operator, left, Eval(b.Right, scope));
            case CompareExpr cmp:
                var current = Eval(cmp.First, scope);
                foreach (var (op, rightExpr) in cmp.Rest)
                {
                    var right = Eval(rightExpr, scope);
                    if (!JinjaOperations.Compare(op, current, right)) return JinjaValue.False;
                    current = right;
                }
                return JinjaValue.True;
            case ConditionalExpr ce:
                if (Eval(ce.Test, scope).IsTruthy) return Eval(ce.Then, scope);
                return ce.Otherwise is null ? JinjaValue.UndefinedNamed("the inline if-expression evaluated to false and no else section was defined") : Eval(ce.Otherwise, scope);
            case ListExpr le:
                var items = le.Items.Select(item => Eval(item, scope));
                return le.IsTuple ? JinjaValue.Tuple(items) : JinjaValue.List(items);
            case DictExpr de:
                var dict = new JinjaDict();
                foreach (var (k, v) in de.Pairs)
                {
                    var key = Eval(k, scope);
                    if (key.Kind != JinjaKind.String) throw new JinjaRuntimeException($"dict keys must be strings here, not {key.TypeName}");
                    dict[key.AsString] = Eval(v, scope);
                }
                return JinjaValue.Dict(dict);
            default:
                throw new JinjaRuntimeException($"unsupported expression {e.GetType().Name}");
        }
    }
}
