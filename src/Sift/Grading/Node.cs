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
    Ratio,      // Children joined by ':' (a:b:c)
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
    /// <summary>For an integer literal: digits as written ("05" has 2), so "3:05" reads as a clock time.</summary>
    public int WrittenDigits { get; init; }
    /// <summary>A product written as a call, "f(2)": a one-letter name directly followed by parentheses.</summary>
    public bool IsCall { get; init; }
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

    [Flags]
    private enum SubtreeFlags { Computed = 1, Decimal = 2, Percent = 4, PlusMinus = 8, Symbol = 16, Matrix = 32, Relation = 64 }

    private SubtreeFlags _flags;

    // Nodes are built bottom-up and never change, so the subtree summary is computed once, on demand.
    private SubtreeFlags Flags
    {
        get
        {
            if (_flags != 0) return _flags;
            var f = SubtreeFlags.Computed;
            if (Kind == NodeKind.Number && IsDecimal) f |= SubtreeFlags.Decimal;
            if (Kind == NodeKind.Percent) f |= SubtreeFlags.Percent;
            if (Kind == NodeKind.PlusMinus) f |= SubtreeFlags.PlusMinus;
            if (Kind == NodeKind.Symbol) f |= SubtreeFlags.Symbol;
            if (Kind == NodeKind.Matrix) f |= SubtreeFlags.Matrix;
            if (Kind == NodeKind.Relation) f |= SubtreeFlags.Relation;
            foreach (var c in Children) f |= c.Flags;
            _flags = f;
            return f;
        }
    }

    public bool HasDecimal => (Flags & SubtreeFlags.Decimal) != 0;
    public bool HasPercent => (Flags & SubtreeFlags.Percent) != 0;
    public bool HasPlusMinus => (Flags & SubtreeFlags.PlusMinus) != 0;
    public bool HasSymbol => (Flags & SubtreeFlags.Symbol) != 0;
    public bool HasMatrix => (Flags & SubtreeFlags.Matrix) != 0;
    public bool HasRelation => (Flags & SubtreeFlags.Relation) != 0;

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
