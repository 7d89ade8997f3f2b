namespace Sift.Grading;

/// <summary>
/// Reduces a sum, difference, scalar multiple, product or small integer power of matrices
/// (<c>A + B</c>, <c>2A</c>, <c>AB</c>, <c>A^2</c>) to one matrix whose cells are expression trees,
/// so that it can be compared cell by cell. Cells are not evaluated here; the comparer does that.
/// Every cell built ticks the budget, and products are capped, so a chain of products cannot grow
/// its cells without bound.
/// </summary>
internal static class MatrixAlgebra
{
    private const int MaxCells = 256;
    private const int MaxPower = 8;

    /// <summary>The matrix <paramref name="n"/> denotes, or null when it is not matrix arithmetic.</summary>
    public static Node? Reduce(Node n, Budget budget, int depth = 0)
    {
        budget.Tick();
        if (depth > 32) return null;
        switch (n.Kind)
        {
            case NodeKind.Matrix:
                return n;
            case NodeKind.Neg:
            {
                var m = Reduce(n.Children[0], budget, depth + 1);
                return m is null ? null : Map(m, c => new Node(NodeKind.Neg, c), budget);
            }
            case NodeKind.Add:
            {
                Node? acc = null;
                foreach (var child in n.Children)
                {
                    var m = Reduce(child, budget, depth + 1);
                    if (m is null) return null; // a matrix plus a scalar is not defined
                    if (acc is null) { acc = m; continue; }
                    if (acc.Rows != m.Rows || acc.Cols != m.Cols) return null;
                    var cells = new Node[acc.Children.Length];
                    for (int k = 0; k < cells.Length; k++) cells[k] = new Node(NodeKind.Add, acc.Children[k], m.Children[k]);
                    budget.Tick(cells.Length);
                    acc = new Node(NodeKind.Matrix, cells) { Rows = m.Rows, Cols = m.Cols };
                }
                return acc;
            }
            case NodeKind.Mul:
            {
                Node? matrix = null;
                var scalars = new List<Node>();
                foreach (var child in n.Children)
                {
                    if (!child.HasMatrix) { scalars.Add(child); continue; }
                    var m = Reduce(child, budget, depth + 1);
                    if (m is null) return null;
                    matrix = matrix is null ? m : Product(matrix, m, budget);
                    if (matrix is null) return null;
                }
                if (matrix is null) return null;
                if (scalars.Count == 0) return matrix;
                var factor = scalars.Count == 1 ? scalars[0] : new Node(NodeKind.Mul, [.. scalars]);
                return Map(matrix, c => new Node(NodeKind.Mul, factor, c), budget);
            }
            case NodeKind.Pow:
            {
                var e = n.Children[1];
                if (e.Kind != NodeKind.Number || !e.Value.IsInteger || e.IsDecimal) return null;
                var k = (int)Math.Clamp((double)e.Value.Num, 0, MaxPower + 1);
                if (k < 1 || k > MaxPower) return null;
                var b = Reduce(n.Children[0], budget, depth + 1);
                if (b is null || b.Rows != b.Cols) return null;
                var acc = b;
                for (int i = 1; i < k && acc is not null; i++) acc = Product(acc, b, budget);
                return acc;
            }
            default:
                return null;
        }
    }

    private static Node Map(Node m, Func<Node, Node> f, Budget budget)
    {
        budget.Tick(m.Children.Length);
        return new Node(NodeKind.Matrix, [.. m.Children.Select(f)]) { Rows = m.Rows, Cols = m.Cols };
    }

    private static Node? Product(Node a, Node b, Budget budget)
    {
        if (a.Cols != b.Rows || a.Rows * b.Cols > MaxCells) return null;
        var cells = new Node[a.Rows * b.Cols];
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                var terms = new Node[a.Cols];
                for (int k = 0; k < a.Cols; k++) terms[k] = new Node(NodeKind.Mul, a.Children[i * a.Cols + k], b.Children[k * b.Cols + j]);
                budget.Tick(a.Cols * 4);
                cells[i * b.Cols + j] = terms.Length == 1 ? terms[0] : new Node(NodeKind.Add, terms);
            }
        return new Node(NodeKind.Matrix, cells) { Rows = a.Rows, Cols = b.Cols };
    }
}
