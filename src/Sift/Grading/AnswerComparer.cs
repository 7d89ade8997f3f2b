namespace Sift.Grading;

/// <summary>
/// Structure-aware equivalence of two parsed answers. Containers are compared by their kind
/// (tuples/intervals by position and bracket type, sets and bare lists ignoring order), equations
/// by the proportionality of lhs − rhs, inequalities as intervals, scalars by exact values or, when
/// variables occur, at several deterministic random rational points.
/// </summary>
/// <remarks>
/// Random-point testing (Schwartz–Zippel): each variable takes a value p/997 with p uniform in
/// [1, 10^6]. If two rational functions of total degree ≤ d differ, they agree at one such point with
/// probability ≤ d/10^6, so with <see cref="GraderOptions.RandomPoints"/> = 4 independent points a
/// false "equivalent" has probability ≤ (d/10^6)^4 (≤ 10^-16 for d ≤ 100). Non-rational functions
/// (sqrt, log, trig) are compared numerically at the same points with the documented tolerance.
/// </remarks>
internal sealed class AnswerComparer
{
    private const int MaxVariants = 16;
    private readonly GraderOptions _o;
    private readonly Budget _budget;
    private readonly ulong _seed;

    public AnswerComparer(GraderOptions options, Budget budget, ulong seed)
    {
        _o = options; _budget = budget; _seed = seed;
    }

    public string Reason { get; private set; } = "";

    public bool Equal(Node g, Node p)
    {
        _budget.Tick();
        if (g.HasRelation || p.HasRelation)
        {
            // "A ≈ D": the exact A is the answer. A gold's D also states a precision (see StatedApproximation).
            if (p.Kind == NodeKind.Relation && p.Ops.Contains(AnswerShapes.Approx)) p = AnswerShapes.ExactPart(p, out _);
            if (g.Kind == NodeKind.Relation && g.Ops.Contains(AnswerShapes.Approx))
            {
                var exact = AnswerShapes.ExactPart(g, out var approx);
                if (Equal(exact, p)) return true;
                return approx is not null && StatedApproximation(approx, exact, p);
            }
            // Assignment lists and labelled lists against plain values: "p=5,q=2;p=7,q=2" ≡ "(5,2),(7,2)".
            if (g.Kind == NodeKind.List && !p.HasRelation) g = AnswerShapes.AsValues(g) ?? g;
            if (p.Kind == NodeKind.List && !g.HasRelation) p = AnswerShapes.AsValues(p) ?? p;
        }
        // Equations and inequalities; "x = 5+5+1 = 11" is reduced to its first and last members.
        g = ReduceChain(g);
        p = ReduceChain(p);
        if (g.Kind == NodeKind.Relation || p.Kind == NodeKind.Relation)
            return RelationEqual(g, p);

        // Matrix arithmetic ("A + B", "2A", "AB") becomes one matrix before cells are compared.
        if (g.HasMatrix && g.Kind != NodeKind.Matrix) g = MatrixAlgebra.Reduce(g, _budget) ?? g;
        if (p.HasMatrix && p.Kind != NodeKind.Matrix) p = MatrixAlgebra.Reduce(p, _budget) ?? p;

        if (g.Kind == NodeKind.Ratio || p.Kind == NodeKind.Ratio) return RatioEqual(g, p);

        // ± expands to the set of both signs.
        bool gpm = g.HasPlusMinus, ppm = p.HasPlusMinus;
        if (gpm || ppm)
        {
            var gi = gpm ? Expand(g) : Items(g);
            var pi = ppm ? Expand(p) : Items(p);
            Reason = "plus-minus";
            return Unordered(gi, pi);
        }

        if (g.Kind == NodeKind.Matrix || p.Kind == NodeKind.Matrix) return MatrixEqual(g, p);

        if (g.Kind == NodeKind.Bracket && p.Kind == NodeKind.Bracket)
        {
            Reason = "tuple/interval";
            return g.Open == p.Open && g.Close == p.Close && Ordered(g.Children, p.Children);
        }
        // A bare list against a tuple: the brackets were left out; compare by position. Not against a
        // half-open interval: "1, 2" says nothing about which ends of [1, 2) are closed.
        if (((g.Kind == NodeKind.Bracket && p.Kind == NodeKind.List) || (g.Kind == NodeKind.List && p.Kind == NodeKind.Bracket))
            && (g.Kind == NodeKind.Bracket ? g : p) is { } tuple && (tuple.Open, tuple.Close) is ('(', ')') or ('[', ']'))
        {
            Reason = "tuple-vs-list";
            return Ordered(g.Children, p.Children);
        }
        if (g.Kind is NodeKind.List or NodeKind.Set or NodeKind.Union || p.Kind is NodeKind.List or NodeKind.Set or NodeKind.Union)
        {
            // A set never equals a tuple/interval; a union only matches a union or a list of intervals.
            if (g.Kind == NodeKind.Bracket || p.Kind == NodeKind.Bracket)
            {
                Reason = "kind-mismatch";
                return false;
            }
            Reason = "unordered";
            return Unordered(Items(g), Items(p));
        }
        if (g.Kind == NodeKind.Bracket || p.Kind == NodeKind.Bracket)
        {
            Reason = "kind-mismatch";
            return false;
        }
        return ScalarEqual(g, p);
    }

    private static Node ReduceChain(Node n)
    {
        if (n.Kind != NodeKind.Relation || n.Children.Length <= 2 || !AllEquals(n)) return n;
        if (IsLoneSymbol(n.Children[0]) || AnswerShapes.IsLabel(n.Children[0])) return new Node(NodeKind.Relation, n.Children[0], n.Children[^1]) { Ops = ["="] };
        return n;
    }

    private static List<Node> Items(Node n) =>
        n.Kind is NodeKind.List or NodeKind.Set or NodeKind.Union ? [.. n.Children] : [n];

    private bool Ordered(Node[] a, Node[] b)
    {
        if (a.Length != b.Length) return false;
        for (int k = 0; k < a.Length; k++) if (!Equal(a[k], b[k])) return false;
        return true;
    }

    /// <summary>Every item of each side matches an item of the other (set semantics; subsets fail).</summary>
    private bool Unordered(List<Node> a, List<Node> b)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count;
        if (a.Count * b.Count > 4096) throw new BudgetExceededException();
        var matched = new bool[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++)
                matched[i, j] = Equal(a[i], b[j]);
        for (int i = 0; i < a.Count; i++)
        {
            bool any = false;
            for (int j = 0; j < b.Count && !any; j++) any = matched[i, j];
            if (!any) return false;
        }
        for (int j = 0; j < b.Count; j++)
        {
            bool any = false;
            for (int i = 0; i < a.Count && !any; i++) any = matched[i, j];
            if (!any) return false;
        }
        Reason = "unordered";
        return true;
    }

    private bool MatrixEqual(Node g, Node p)
    {
        Reason = "matrix";
        Node[] gc = g.Children, pc = p.Children;
        if (g.Kind == NodeKind.Matrix && p.Kind == NodeKind.Matrix)
            return g.Rows == p.Rows && g.Cols == p.Cols && Ordered(gc, pc);
        // A column vector against a tuple of the same length.
        var m = g.Kind == NodeKind.Matrix ? g : p;
        var other = g.Kind == NodeKind.Matrix ? p : g;
        if (other.Kind == NodeKind.Bracket && other.Open == '(' && (m.Cols == 1 || m.Rows == 1) && m.Children.Length == other.Children.Length)
            return g.Kind == NodeKind.Matrix ? Ordered(m.Children, other.Children) : Ordered(other.Children, m.Children);
        return false;
    }

    // ---- relations ----

    // "x", "a_1", and "f(x)" (parsed as the product f·x) name an unknown on the left of an equation.
    private static bool IsLoneSymbol(Node n) =>
        n.Kind == NodeKind.Symbol
        || (n.Kind == NodeKind.Func && n.Children.All(c => c.Kind == NodeKind.Symbol))
        || (n.Kind == NodeKind.Mul && n.Children.Length == 2 && n.Children.All(c => c.Kind == NodeKind.Symbol));

    private static bool AllEquals(Node rel) => rel.Kind == NodeKind.Relation && rel.Ops.All(o => o == "=");

    private static bool HasSymbols(Node n) => n.HasSymbol;

    private bool RelationEqual(Node g, Node p)
    {
        if (g.Kind == NodeKind.Relation && p.Kind == NodeKind.Relation)
        {
            if (AllEquals(g) && AllEquals(p))
            {
                if (g.Children.Length == 2 && p.Children.Length == 2 && IsLoneSymbol(g.Children[0]) && IsLoneSymbol(p.Children[0])
                    && SameSymbolText(g.Children[0], p.Children[0]))
                {
                    Reason = "equation-rhs";
                    return Equal(g.Children[1], p.Children[1]);
                }
                return EquationEqual(g, p);
            }
            if (AllEquals(g) || AllEquals(p)) { Reason = "relation-mismatch"; return false; }
            var gi = ToInterval(g);
            var pi = ToInterval(p);
            if (gi is not null && pi is not null) { Reason = "inequality-as-interval"; return Equal(gi, pi); }
            return InequalityEqual(g, p);
        }
        if (g.Kind == NodeKind.Relation)
        {
            if (AllEquals(g))
            {
                // Documented asymmetry (as in Math-Verify): a gold equation "x = 5" accepts its right-hand side "5".
                if (IsLoneSymbol(g.Children[0])) { Reason = "gold-equation-rhs"; return Equal(g.Children[^1], p); }
                if (g.Children.Length == 2 && IsLoneSymbol(g.Children[1])) { Reason = "gold-equation-lhs"; return Equal(g.Children[0], p); }
                // A label naming the value: "(p,q) = (3,2)", "|AB| = 1" (see AnswerShapes.IsLabel).
                // Only against a side with no relation at all: "a=2, b=3" is not "(p,q)=(2,3)" (other names).
                if (AnswerShapes.IsLabelledValue(g) && !p.HasRelation) { Reason = "gold-label"; return Equal(g.Children[1], p); }
                if (g.Children.All(c => !HasSymbols(c))) { Reason = "gold-chain-last"; return Equal(g.Children[^1], p); }
                Reason = "equation-vs-expression";
                return false;
            }
            var gi = ToInterval(g);
            if (gi is not null && p.Kind != NodeKind.Relation) { Reason = "inequality-as-interval"; return Equal(gi, p); }
            return false;
        }
        // Gold is not a relation; the prediction is.
        if (AllEquals(p))
        {
            // "x = 5" for gold "5": a prediction naming the unknown; "2+3 = 5" for gold 5: a calculation chain.
            if (IsLoneSymbol(p.Children[0]) && p.Children.Length == 2) { Reason = "pred-equation-rhs"; return Equal(g, p.Children[1]); }
            if (AnswerShapes.IsLabelledValue(p) && !g.HasRelation) { Reason = "pred-label"; return Equal(g, p.Children[1]); }
            if (p.Children.All(c => !HasSymbols(c)) && !HasSymbols(g)) { Reason = "pred-chain-last"; return Equal(g, p.Children[^1]); }
            Reason = "expression-vs-equation";
            return false;
        }
        var pint = ToInterval(p);
        if (pint is not null) { Reason = "inequality-as-interval"; return Equal(g, pint); }
        return false;
    }

    private static bool SameSymbolText(Node a, Node b) =>
        a.Kind == b.Kind && a.Name == b.Name && a.Children.Length == b.Children.Length
        && a.Children.Zip(b.Children).All(t => t.First.Name == t.Second.Name);

    /// <summary>Equations are equal when lhs − rhs of one is a non-zero constant multiple of the other's.</summary>
    private bool EquationEqual(Node g, Node p)
    {
        Reason = "equation";
        if (g.Children.Length != 2 || p.Children.Length != 2)
            return g.Children.Length == p.Children.Length && Ordered(g.Children, p.Children);
        var dg = new Node(NodeKind.Add, g.Children[0], new Node(NodeKind.Neg, g.Children[1]));
        var dp = new Node(NodeKind.Add, p.Children[0], new Node(NodeKind.Neg, p.Children[1]));
        var vars = new SortedSet<string>(StringComparer.Ordinal);
        dg.CollectSymbols(vars);
        dp.CollectSymbols(vars);
        if (vars.Count == 0)
        {
            // Constant equations (e.g. "3 = 3"): never collapse to "0 = 0"; compare sides.
            return (Equal(g.Children[0], p.Children[0]) && Equal(g.Children[1], p.Children[1]))
                || (Equal(g.Children[0], p.Children[1]) && Equal(g.Children[1], p.Children[0]));
        }
        return Proportional(dg, dp, requirePositive: false);
    }

    /// <summary>dg = c·dp for one non-zero constant c (positive when required), tested at random points.</summary>
    private bool Proportional(Node dg, Node dp, bool requirePositive)
    {
        var vars = new SortedSet<string>(StringComparer.Ordinal);
        dg.CollectSymbols(vars);
        dp.CollectSymbols(vars);
        if (vars.Count == 0) return false;
        Value? ratio = null;
        int defined = 0;
        var rng = new SplitMix(_seed);
        for (int attempt = 0; attempt < _o.RandomPoints * 3 && defined < _o.RandomPoints; attempt++)
        {
            var env = RandomPoint(vars, ref rng);
            var vg = new Evaluator(env, _o, _budget, false).Eval(dg);
            var vp = new Evaluator(env, _o, _budget, false).Eval(dp);
            if (vg.IsUndefined || vp.IsUndefined) continue;
            bool zg = IsZeroish(vg), zp = IsZeroish(vp);
            if (zg != zp) return false;
            defined++;
            if (zg) continue;
            var r = Value.Mul(vg, Value.Inv(vp));
            if (ratio is null)
            {
                if (requirePositive && !(r.IsReal && r.Approx.Real > 0)) return false;
                ratio = r;
            }
            else if (!ValuesEqual(ratio.Value, r, false)) return false;
        }
        return defined > 0 && ratio is not null;
    }

    private static bool IsZeroish(Value v) => v.IsExact ? v.IsZero : Complex0(v) <= 1e-12;
    private static double Complex0(Value v) => System.Numerics.Complex.Abs(v.Approx);

    private bool InequalityEqual(Node g, Node p)
    {
        Reason = "inequality";
        var (gc, go) = Canonical(g);
        var (pc, po) = Canonical(p);
        if (go.Length != po.Length) return false;
        for (int k = 0; k < go.Length; k++) if (go[k] != po[k]) return false;
        if (Ordered(gc, pc)) return true;
        if (go.Length != 1 || go[0] is not ("<" or "<=")) return false;
        // a < b and c < d are the same inequality when b − a is a positive multiple of d − c (x < 1 ⇔ −x > −1).
        var dg = new Node(NodeKind.Add, gc[1], new Node(NodeKind.Neg, gc[0]));
        var dp = new Node(NodeKind.Add, pc[1], new Node(NodeKind.Neg, pc[0]));
        return Proportional(dg, dp, requirePositive: true);
    }

    /// <summary>Rewrites a &gt; b as b &lt; a so that equal inequalities line up.</summary>
    private static (Node[] Children, string[] Ops) Canonical(Node rel)
    {
        if (rel.Ops.All(o => o is ">" or ">="))
            return ([.. rel.Children.Reverse()], [.. rel.Ops.Reverse().Select(o => o == ">" ? "<" : "<=")]);
        return (rel.Children, rel.Ops);
    }

    /// <summary>The quantity an inequality bounds: a variable, or a name such as f(x) ("0 &lt; f(x) &lt; 1").</summary>
    private static bool IsBounded(Node n) =>
        n.Kind == NodeKind.Symbol || (AnswerShapes.IsLabel(n) && n.Kind is NodeKind.Mul or NodeKind.Func && !(n.Kind == NodeKind.Func && n.Name == "abs"));

    /// <summary>x &gt; 3 → (3, ∞); 1 ≤ x &lt; 2 → [1, 2); x ≠ 0 → (−∞,0) ∪ (0,∞); a ≤ |x| ≤ b → [−b,−a] ∪ [a,b]. Null if not of that shape.</summary>
    private Node? ToInterval(Node rel)
    {
        if (rel.Kind != NodeKind.Relation) return null;
        var (c, ops) = Canonical(rel);
        if (ops.Any(o => o is "=" or ">" or ">=" or AnswerShapes.Approx)) return null;
        if (c.Any(IsAbsOfVariable)) return AbsInterval(c, ops);
        var inf = Node.Const("inf");
        var negInf = new Node(NodeKind.Neg, Node.Const("inf"));
        if (c.Length == 2)
        {
            if (ops[0] == "!=")
            {
                var (sym, val) = IsBounded(c[0]) && !HasSymbols(c[1]) ? (c[0], c[1]) : (c[1], c[0]);
                if (!IsBounded(sym) || HasSymbols(val)) return null;
                return new Node(NodeKind.Union,
                    new Node(NodeKind.Bracket, negInf, val) { Open = '(', Close = ')' },
                    new Node(NodeKind.Bracket, val, inf) { Open = '(', Close = ')' });
            }
            bool strict = ops[0] == "<";
            if (IsBounded(c[0]) && !HasSymbols(c[1]))
                return new Node(NodeKind.Bracket, negInf, c[1]) { Open = '(', Close = strict ? ')' : ']' };
            if (IsBounded(c[1]) && !HasSymbols(c[0]))
                return new Node(NodeKind.Bracket, c[0], inf) { Open = strict ? '(' : '[', Close = ')' };
            return null;
        }
        if (c.Length == 3 && IsBounded(c[1]) && !HasSymbols(c[0]) && !HasSymbols(c[2]) && ops.All(o => o is "<" or "<="))
            return new Node(NodeKind.Bracket, c[0], c[2]) { Open = ops[0] == "<" ? '(' : '[', Close = ops[1] == "<" ? ')' : ']' };
        return null;
    }

    private static bool IsAbsOfVariable(Node n) => n.Kind == NodeKind.Func && n.Name == "abs" && n.Children.Length == 1 && IsBounded(n.Children[0]);

    /// <summary>
    /// Bounds on |x| for real x: a ≤ |x| ≤ b (0 &lt; a) → [−b,−a] ∪ [a,b]; 0 ≤ |x| ≤ b → [−b,b];
    /// 0 &lt; |x| ≤ b → [−b,0) ∪ (0,b]; |x| &lt; b → (−b,b); |x| &gt; a (a &gt; 0) → (−∞,−a) ∪ (a,∞). Each end
    /// keeps its own strictness, mirrored. Null for any other shape or a bound that is not a real constant.
    /// </summary>
    private Node? AbsInterval(Node[] c, string[] ops)
    {
        Node? lo = null, hi = null;
        bool loStrict = false, hiStrict = false;
        if (c.Length == 2 && IsAbsOfVariable(c[0]) && !HasSymbols(c[1])) { hi = c[1]; hiStrict = ops[0] == "<"; }
        else if (c.Length == 2 && IsAbsOfVariable(c[1]) && !HasSymbols(c[0])) { lo = c[0]; loStrict = ops[0] == "<"; }
        else if (c.Length == 3 && IsAbsOfVariable(c[1]) && !HasSymbols(c[0]) && !HasSymbols(c[2]))
        {
            lo = c[0]; loStrict = ops[0] == "<"; hi = c[2]; hiStrict = ops[1] == "<";
        }
        else return null;
        if (ops.Any(o => o == "!=")) return null;
        int loSign = 0;
        if (lo is not null)
        {
            var v = new Evaluator(NoVariables, _o, _budget, false).Eval(lo);
            if (v.IsUndefined || !v.IsReal || v.IsInfinite) return null;
            loSign = Math.Sign(v.IsExact ? v.Re.Sign : Math.Sign(v.Approx.Real));
            if (loSign < 0) { lo = null; loStrict = false; } // a negative lower bound on |x| says nothing
        }
        var inf = Node.Const("inf");
        Node Negate(Node x) => new Node(NodeKind.Neg, x);
        Node Interval(Node a, Node b, bool openA, bool openB) => new(NodeKind.Bracket, a, b) { Open = openA ? '(' : '[', Close = openB ? ')' : ']' };
        if (lo is null)
            return hi is null ? null : Interval(Negate(hi), hi, hiStrict, hiStrict);
        if (loSign == 0 && !loStrict)
            return hi is null ? null : Interval(Negate(hi), hi, hiStrict, hiStrict);
        var left = hi is null ? Interval(Negate(inf), Negate(lo), true, loStrict) : Interval(Negate(hi), Negate(lo), hiStrict, loStrict);
        var right = hi is null ? Interval(lo, inf, loStrict, true) : Interval(lo, hi, loStrict, hiStrict);
        return new Node(NodeKind.Union, left, right);
    }

    // ---- ratios ----

    /// <summary>
    /// a:b:c against d:e:f: equal when the parts are proportional with a positive factor (2:3 ≡ 4:6);
    /// two clock times (h:mm) and parts with variables compare by position. a:b against a non-ratio
    /// compares a/b (11:21 ≡ 11/21).
    /// </summary>
    private bool RatioEqual(Node g, Node p)
    {
        if (g.Kind == NodeKind.Ratio && p.Kind == NodeKind.Ratio)
        {
            Reason = "ratio";
            if (g.Children.Length != p.Children.Length) return false;
            if (g.HasSymbol || p.HasSymbol || (IsClockTime(g) && IsClockTime(p))) return Ordered(g.Children, p.Children);
            var gv = g.Children.Select(x => new Evaluator(NoVariables, _o, _budget, false).Eval(x)).ToArray();
            var pv = p.Children.Select(x => new Evaluator(NoVariables, _o, _budget, false).Eval(x)).ToArray();
            if (gv.Any(v => v.IsUndefined || v.IsInfinite) || pv.Any(v => v.IsUndefined || v.IsInfinite)) return false;
            int j = Array.FindIndex(gv, v => !IsZeroish(v));
            if (j < 0 || IsZeroish(pv[j])) return false;
            var factor = Value.Mul(gv[j], Value.Inv(pv[j]));
            if (!factor.IsReal || factor.Approx.Real <= 0) return false;
            bool dec = g.HasDecimal || p.HasDecimal;
            for (int k = 0; k < gv.Length; k++)
                if (!ValuesEqual(gv[k], Value.Mul(factor, pv[k]), dec)) { Reason = "ratio"; return false; }
            Reason = "ratio-proportional";
            return true;
        }
        var r = g.Kind == NodeKind.Ratio ? g : p;
        if (r.Children.Length != 2) { Reason = "kind-mismatch"; return false; }
        var quotient = new Node(NodeKind.Mul, r.Children[0], new Node(NodeKind.Inv, r.Children[1]));
        Reason = "ratio-as-quotient";
        return g.Kind == NodeKind.Ratio ? Equal(quotient, p) : Equal(g, quotient);
    }

    /// <summary>"3:05", "11:30": an hour of one or two digits up to 24 and minutes of exactly two digits below 60.</summary>
    private static bool IsClockTime(Node r) =>
        r.Children.Length == 2 && r.Children[0] is { Kind: NodeKind.Number, IsDecimal: false, WrittenDigits: 1 or 2 } h && h.Value.IsInteger && h.Value.Num <= 24
        && r.Children[1] is { Kind: NodeKind.Number, IsDecimal: false, WrittenDigits: 2 } m && m.Value.IsInteger && m.Value.Num < 60;

    // ---- approximations ----

    /// <summary>
    /// A gold "A ≈ D" states the precision it accepts: a predicted decimal with at least as many
    /// decimals as D that is A correctly rounded to its own written decimals (gold 1−1/e ≈ 0.632:
    /// 0.632 and 0.6321 are accepted, 0.63 and 0.633 are not).
    /// </summary>
    private bool StatedApproximation(Node approx, Node exact, Node p)
    {
        var d = approx.Kind == NodeKind.Neg ? approx.Children[0] : approx;
        var lit = p.Kind == NodeKind.Neg ? p.Children[0] : p;
        if (d.Kind != NodeKind.Number || !d.IsDecimal || d.Decimals <= 0) return false;
        if (lit.Kind != NodeKind.Number || !lit.IsDecimal || lit.Decimals < d.Decimals || exact.HasSymbol || exact.Kind == NodeKind.Relation) return false;
        var a = new Evaluator(NoVariables, _o, _budget, false).Eval(exact);
        var v = new Evaluator(NoVariables, _o, _budget, false).Eval(p);
        if (a.IsUndefined || v.IsUndefined || !a.IsReal || a.IsInfinite) return false;
        double half = 0.5 * Math.Pow(10, -lit.Decimals);
        bool ok = Math.Abs(a.Approx.Real - v.Approx.Real) <= half * (1 + 1e-9);
        Reason = ok ? "stated-approximation" : "approximation-differs";
        return ok;
    }

    /// <summary>
    /// A gold decimal with at least 3 significant digits fixes the precision of the reference: an exact
    /// prediction (no decimal in it) whose value rounds to the gold at the gold's written decimals is
    /// accepted (gold 0.632, pred 1 − 1/e). Predicted decimals never take this path, so 12.54 is not 12.5.
    /// </summary>
    private bool ReferencePrecision(Node g, Node p, Value vg, Value vp)
    {
        var lit = g.Kind == NodeKind.Neg ? g.Children[0] : g;
        if (lit.Kind != NodeKind.Number || !lit.IsDecimal || lit.Decimals <= 0 || lit.SignificantDigits < 3 || p.HasDecimal) return false;
        if (vg.IsUndefined || vp.IsUndefined || !vp.IsReal || vp.IsInfinite) return false;
        double half = 0.5 * Math.Pow(10, -lit.Decimals);
        if (Math.Abs(vp.Approx.Real - vg.Approx.Real) > half * (1 + 1e-9)) return false;
        Reason = "reference-precision";
        return true;
    }

    // ---- ± expansion ----

    private List<Node> Expand(Node n)
    {
        var variants = ExpandNode(n);
        var result = new List<Node>();
        foreach (var v in variants)
        {
            if (v.Kind is NodeKind.List or NodeKind.Set) result.AddRange(v.Children);
            else result.Add(v);
        }
        return result;
    }

    private List<Node> ExpandNode(Node n)
    {
        _budget.Tick();
        if (n.Kind == NodeKind.PlusMinus)
        {
            var a = ExpandNode(n.Children[0]);
            var b = ExpandNode(n.Children[1]);
            var r = new List<Node>();
            foreach (var x in a)
                foreach (var y in b)
                {
                    r.Add(new Node(NodeKind.Add, x, y));
                    r.Add(new Node(NodeKind.Add, x, new Node(NodeKind.Neg, y)));
                }
            if (r.Count > MaxVariants) throw new BudgetExceededException();
            return r;
        }
        if (!n.HasPlusMinus) return [n];
        if (n.Kind is NodeKind.List or NodeKind.Set)
        {
            var all = new List<Node>();
            foreach (var c in n.Children) all.AddRange(ExpandNode(c));
            return [new Node(n.Kind, [.. all])];
        }
        var combos = new List<Node[]> { new Node[n.Children.Length] };
        for (int k = 0; k < n.Children.Length; k++)
        {
            var vs = ExpandNode(n.Children[k]);
            var next = new List<Node[]>();
            foreach (var combo in combos)
                foreach (var v in vs)
                {
                    var copy = (Node[])combo.Clone();
                    copy[k] = v;
                    next.Add(copy);
                }
            if (next.Count > MaxVariants) throw new BudgetExceededException();
            combos = next;
        }
        return combos.Select(ch => new Node(n.Kind, ch) { Name = n.Name, Value = n.Value, IsDecimal = n.IsDecimal, Ops = n.Ops, Open = n.Open, Close = n.Close, Rows = n.Rows, Cols = n.Cols }).ToList();
    }

    // ---- scalars ----

    private bool ScalarEqual(Node g, Node p)
    {
        bool decimalMode = g.HasDecimal || p.HasDecimal;
        bool gPct = g.HasPercent, pPct = p.HasPercent;
        // A predicted "x%" means x/100; it also stands for x only against a plain number
        // (GSM8K "25" vs "25%"), never against a fraction or expression ("40/9" vs "4 4/9%").
        bool unscaledAllowed = !pPct || gPct || IsPlainNumber(g);
        if (unscaledAllowed && ScalarEqualOnce(g, p, decimalMode, false, false)) return true;
        if (_o.AcceptPercentAsFraction && (gPct || pPct))
        {
            // "50%" also reads as 1/2 against a gold written as a fraction or decimal.
            if (ScalarEqualOnce(g, p, decimalMode, gPct, pPct)) { Reason = "percent-as-fraction"; return true; }
        }
        return false;
    }

    private static readonly IReadOnlyDictionary<string, Rational> NoVariables = new Dictionary<string, Rational>();

    private static bool IsPlainNumber(Node n) =>
        n.Kind == NodeKind.Number || (n.Kind == NodeKind.Neg && n.Children[0].Kind == NodeKind.Number);

    private bool ScalarEqualOnce(Node g, Node p, bool decimalMode, bool gPct, bool pPct)
    {
        if (!g.HasSymbol && !p.HasSymbol)
        {
            var vg = new Evaluator(NoVariables, _o, _budget, gPct).Eval(g);
            var vp = new Evaluator(NoVariables, _o, _budget, pPct).Eval(p);
            if (ValuesEqual(vg, vp, decimalMode)) return true;
            return CorrectlyRounded(p, vg, vp) || CorrectlyRounded(g, vp, vg) || ReferencePrecision(g, p, vg, vp);
        }
        var vars = new SortedSet<string>(StringComparer.Ordinal);
        g.CollectSymbols(vars);
        p.CollectSymbols(vars);
        var rng = new SplitMix(_seed);
        int defined = 0;
        for (int attempt = 0; attempt < _o.RandomPoints * 3 && defined < _o.RandomPoints; attempt++)
        {
            var env = RandomPoint(vars, ref rng);
            var vg = new Evaluator(env, _o, _budget, gPct).Eval(g);
            var vp = new Evaluator(env, _o, _budget, pPct).Eval(p);
            if (vg.IsUndefined && vp.IsUndefined) continue;
            if (vg.IsUndefined || vp.IsUndefined) return false;
            if (!ValuesEqual(vg, vp, decimalMode)) return false;
            defined++;
        }
        if (defined > 0) Reason = "random-points";
        return defined > 0;
    }

    /// <summary>
    /// A decimal literal with at least 5 significant digits that is the other side correctly rounded
    /// to the written number of decimals (2.6667 for 8/3): accepted, as Qwen's rel_tol=1e-4 would.
    /// Shorter decimals (0.3333 for 1/3, 3.14 for pi) stay wrong.
    /// </summary>
    private bool CorrectlyRounded(Node literal, Value other, Value literalValue)
    {
        var n = literal.Kind == NodeKind.Neg ? literal.Children[0] : literal;
        if (n.Kind != NodeKind.Number || !n.IsDecimal || n.Decimals <= 0 || n.SignificantDigits < 5) return false;
        if (other.IsUndefined || literalValue.IsUndefined || !other.IsReal || other.IsInfinite) return false;
        double half = 0.5 * Math.Pow(10, -n.Decimals);
        double diff = Math.Abs(other.Approx.Real - literalValue.Approx.Real);
        if (diff <= half * (1 + 1e-9) && diff <= 1e-4 * Math.Abs(other.Approx.Real))
        {
            Reason = "correctly-rounded-decimal";
            return true;
        }
        return false;
    }

    private static Dictionary<string, Rational> RandomPoint(SortedSet<string> vars, ref SplitMix rng)
    {
        var env = new Dictionary<string, Rational>(vars.Count, StringComparer.Ordinal);
        foreach (var v in vars) env[v] = new Rational(1 + (long)(rng.Next() % 1_000_000), 997);
        return env;
    }

    private bool ValuesEqual(Value a, Value b, bool decimalMode)
    {
        if (a.IsUndefined || b.IsUndefined) return false;
        if (a.IsExact && b.IsExact)
        {
            if (a.Re == b.Re && a.Im == b.Im) { Reason = "exact"; return true; }
            if (!decimalMode) { Reason = "exact-differs"; return false; }
        }
        if (a.IsInfinite || b.IsInfinite)
        {
            Reason = "infinity";
            return a.IsInfinite && b.IsInfinite && Math.Sign(a.Approx.Real) == Math.Sign(b.Approx.Real) && Math.Sign(a.Approx.Imaginary) == Math.Sign(b.Approx.Imaginary);
        }
        double tol = decimalMode ? _o.RelativeTolerance : _o.NumericFallbackTolerance;
        double diff = System.Numerics.Complex.Abs(a.Approx - b.Approx);
        double scale = Math.Max(System.Numerics.Complex.Abs(a.Approx), System.Numerics.Complex.Abs(b.Approx));
        if (double.IsNaN(diff)) return false;
        bool eq = diff <= tol * scale || (!decimalMode && diff <= 1e-12);
        Reason = decimalMode ? "decimal-tolerance" : "numeric";
        return eq;
    }
}
