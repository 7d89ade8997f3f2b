namespace Sift.Grading;

internal enum NodeKind
{
    Number,     // Value (exact rational), IsDecimal when written with a decimal point
    Symbol,     // Name: a variable or a word
    Constant,   // Name: "pi", "e", "i", "inf"
    Add,        // Children summed
    Mul,        // Children multiplied
    Neg,        // -Children[0]
    Inv,        // 1 / Children[0]
    Pow,        // Children[0] ^ Children[1]
    Func,       // Name(Children...)
    Percent,    // Children[0] %
    PlusMinus,  // Children[0] ± Children[1]
    Relation,   // Children[0] Ops[0] Children[1] Ops[1] ...
    Bracket,    // Open, Close, Children (tuples and intervals)
    Set,        // \{ Children \}
    List,       // bare comma-separated answers
    Union,      // Children joined by \cup
    Matrix,     // Rows x Cols cells in Children (row-major)
}

/// <summary>An immutable node of the parsed answer tree.</summary>
internal sealed class Node
{
    public NodeKind Kind { get; }
    public Node[] Children { get; }
    public string Name { get; init; } = "";
    public Rational Value { get; init; }
    public bool IsDecimal { get; init; }
    /// <summary>For a decimal literal: digits after the point and significant digits as written.</summary>
    public int Decimals { get; init; }
    public int SignificantDigits { get; init; }
    public string[] Ops { get; init; } = [];
    public char Open { get; init; }
    public char Close { get; init; }
    public int Rows { get; init; }
    public int Cols { get; init; }

    public Node(NodeKind kind, params Node[] children) { Kind = kind; Children = children; }

    public static Node Num(Rational v, bool isDecimal = false) => new(NodeKind.Number) { Value = v, IsDecimal = isDecimal };
    public static Node Sym(string name) => new(NodeKind.Symbol) { Name = name };
    public static Node Const(string name) => new(NodeKind.Constant) { Name = name };
    public static Node Fn(string name, params Node[] args) => new(NodeKind.Func, args) { Name = name };

    public bool IsContainer => Kind is NodeKind.Bracket or NodeKind.Set or NodeKind.List or NodeKind.Union or NodeKind.Matrix;

    /// <summary>True when a decimal literal occurs anywhere below this node (iterative walk).</summary>
    public bool ContainsDecimal() => Any(n => n.Kind == NodeKind.Number && n.IsDecimal);

    public bool ContainsKind(NodeKind kind) => Any(n => n.Kind == kind);

    public bool Any(Func<Node, bool> predicate)
    {
        var stack = new Stack<Node>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (predicate(n)) return true;
            foreach (var c in n.Children) stack.Push(c);
        }
        return false;
    }

    /// <summary>Free variable names (sorted, distinct).</summary>
    public void CollectSymbols(SortedSet<string> into)
    {
        var stack = new Stack<Node>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.Kind == NodeKind.Symbol) into.Add(n.Name);
            foreach (var c in n.Children) stack.Push(c);
        }
    }
}
