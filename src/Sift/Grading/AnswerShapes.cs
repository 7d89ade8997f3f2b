namespace Sift.Grading;

/// <summary>
/// Rewrites of a parsed answer's outer shape that competition-style answers need before comparison:
/// a label in front of the value (<c>(p,q)=(3,2)</c>, <c>|AB|=1</c>), assignment lists read as
/// tuples (<c>p=5,q=2;p=7,q=2</c> → <c>(5,2),(7,2)</c>) and the exact part of <c>A ≈ D</c>.
/// Each rule is conservative: it only removes a name, never a value.
/// </summary>
internal static class AnswerShapes
{
    public const string Approx = "\u2248";

    /// <summary>
    /// A name for a quantity rather than an expression: symbols combined by juxtaposition, quotients,
    /// function application, |..|, a tuple of names or a ratio of names (x, a_1, f(x), |AB|,
    /// \frac{NO}{BO}, (p,q), V_1:V_2, and a call with a constant argument, f(2)). Otherwise no number
    /// literal, sum or power occurs in it, so "2x", "x+y" and "a+3z" are never labels and "a+3z=0" keeps
    /// its meaning as an equation.
    /// </summary>
    public static bool IsLabel(Node n) => n.HasSymbol && IsLabelCore(n, 0);

    private static bool IsLabelCore(Node n, int depth)
    {
        if (depth > 8) return false;
        return n.Kind switch
        {
            NodeKind.Symbol => true,
            // The letters E and I in point names ("AE", "BI") parse as the constants e and i.
            NodeKind.Constant => n.Name is "e" or "i",
            // "f(2)", "a(\frac12)": a call with a constant argument names a value too.
            NodeKind.Mul when n.IsCall && !n.Children[1].HasSymbol => n.Children[1].Kind is NodeKind.Number or NodeKind.Neg or NodeKind.Mul,
            NodeKind.Mul or NodeKind.Ratio or NodeKind.Func => n.Children.Length > 0 && n.Children.All(c => IsLabelCore(c, depth + 1)),
            NodeKind.Inv => IsLabelCore(n.Children[0], depth + 1),
            NodeKind.Bracket => n.Open == '(' && n.Close == ')' && n.Children.All(c => c.Kind == NodeKind.Symbol),
            _ => false,
        };
    }

    /// <summary>"label = value" with a value free of variables: the value is what the label names.</summary>
    public static bool IsLabelledValue(Node n) =>
        n.Kind == NodeKind.Relation && n.Children.Length == 2 && n.Ops[0] == "=" && IsLabel(n.Children[0]) && !n.Children[1].HasSymbol;

    /// <summary>
    /// A bare list read as values when the other side states no relation: "(p,q) = (5,2), (7,2)" (a
    /// label in front of the first item names the whole list) or a list of assignments "v = c", grouped
    /// into tuples in the order written (a group ends when a name repeats; every group must name the
    /// same variables in the same order). Null when the list is neither.
    /// </summary>
    public static Node? AsValues(Node list)
    {
        if (list.Kind != NodeKind.List || list.Children.Length == 0) return null;
        var items = list.Children;
        if (IsLabelledValue(items[0]) && items.Skip(1).All(c => !c.HasRelation))
        {
            var values = (Node[])items.Clone();
            values[0] = items[0].Children[1];
            return new Node(NodeKind.List, values);
        }
        foreach (var c in items)
            if (!(IsLabelledValue(c) && c.Children[0].Kind == NodeKind.Symbol)) return null;
        var names = new List<string>();
        int width = -1;
        var groups = new List<List<Node>>();
        List<Node>? cur = null;
        var curNames = new List<string>();
        var curSet = new HashSet<string>(StringComparer.Ordinal); // a repeat check in O(1): lists may be long
        foreach (var c in items)
        {
            var name = c.Children[0].Name;
            if (cur is null || curSet.Contains(name))
            {
                if (cur is not null && !Close(ref width, curNames, names)) return null;
                cur = [];
                curNames = [];
                curSet.Clear();
                groups.Add(cur);
            }
            curNames.Add(name);
            curSet.Add(name);
            cur.Add(c.Children[1]);
        }
        if (!Close(ref width, curNames, names)) return null;
        if (width == 1) return groups.Count == 1 ? groups[0][0] : new Node(NodeKind.List, [.. groups.Select(g => g[0])]);
        var tuples = groups.Select(g => new Node(NodeKind.Bracket, [.. g]) { Open = '(', Close = ')' }).ToArray();
        return tuples.Length == 1 ? tuples[0] : new Node(NodeKind.List, tuples);
    }

    // Every group names the same variables in the same order as the first.
    private static bool Close(ref int width, List<string> groupNames, List<string> firstNames)
    {
        if (width < 0) { width = groupNames.Count; firstNames.AddRange(groupNames); return true; }
        return groupNames.SequenceEqual(firstNames);
    }

    /// <summary>
    /// "A ≈ D": A (the members before the first ≈) is the answer and D a rounded value; "x ≈ 11" (a
    /// label before ≈) states x's value and reads as "x = 11".
    /// </summary>
    public static Node ExactPart(Node rel, out Node? approx)
    {
        approx = null;
        int k = Array.IndexOf(rel.Ops, Approx);
        if (k < 0) return rel;
        if (k == 0 && IsLabel(rel.Children[0]))
            return new Node(NodeKind.Relation, rel.Children) { Ops = [.. rel.Ops.Select(o => o == Approx ? "=" : o)] };
        approx = rel.Children[k + 1];
        if (k == 0) return rel.Children[0];
        return new Node(NodeKind.Relation, rel.Children[..(k + 1)]) { Ops = rel.Ops[..k] };
    }
}
