using System.Numerics;

namespace Sift.Grading;

/// <summary>
/// Evaluates a scalar expression tree to a <see cref="Value"/>: exact BigInteger-rational complex
/// arithmetic wherever the operations allow it (including exact integer roots), double precision
/// otherwise. Variables take the values given; every node ticks the budget; recursion is bounded by
/// the parser's depth limit.
/// </summary>
internal sealed class Evaluator
{
    private readonly IReadOnlyDictionary<string, Rational> _vars;
    private readonly GraderOptions _o;
    private readonly Budget _budget;
    private readonly bool _percentAsFraction;

    public Evaluator(IReadOnlyDictionary<string, Rational> vars, GraderOptions options, Budget budget, bool percentAsFraction)
    {
        _vars = vars; _o = options; _budget = budget; _percentAsFraction = percentAsFraction;
    }

    public Value Eval(Node n)
    {
        _budget.Tick();
        switch (n.Kind)
        {
            case NodeKind.Number:
                return Value.Exact(n.Value);
            case NodeKind.Symbol:
                return _vars.TryGetValue(n.Name, out var v) ? Value.Exact(v) : Value.Undefined;
            case NodeKind.Constant:
                return n.Name switch
                {
                    "pi" => Value.Real(Math.PI),
                    "e" => Value.Real(Math.E),
                    "i" => Value.Exact(Rational.Zero, Rational.One),
                    _ => Value.Infinity(1),
                };
            case NodeKind.Add:
            {
                var acc = Eval(n.Children[0]);
                for (int k = 1; k < n.Children.Length; k++)
                {
                    acc = Value.Add(acc, Eval(n.Children[k]));
                    if (acc.IsExact && acc.Bits > _o.MaxExactBits) acc = Value.Inexact(acc.Approx);
                }
                return acc;
            }
            case NodeKind.Mul:
            {
                var acc = Eval(n.Children[0]);
                for (int k = 1; k < n.Children.Length; k++)
                {
                    acc = Value.Mul(acc, Eval(n.Children[k]));
                    if (acc.IsExact && acc.Bits > _o.MaxExactBits) acc = Value.Inexact(acc.Approx);
                }
                return acc;
            }
            case NodeKind.Neg:
                return Value.Neg(Eval(n.Children[0]));
            case NodeKind.Inv:
                return Value.Inv(Eval(n.Children[0]));
            case NodeKind.Percent:
            {
                var x = Eval(n.Children[0]);
                return _percentAsFraction ? Value.Mul(x, Value.Exact(new Rational(1, 100))) : x;
            }
            case NodeKind.Pow:
                return Pow(Eval(n.Children[0]), Eval(n.Children[1]));
            case NodeKind.Func:
                return Func(n);
            default:
                return Value.Undefined; // containers and relations have no scalar value
        }
    }

    private Value Pow(Value b, Value e)
    {
        if (b.IsUndefined || e.IsUndefined || b.IsInfinite || e.IsInfinite) return Value.Undefined;
        if (e.IsExactReal)
        {
            var q = e.Re;
            if (q.IsZero) return b.IsZero ? Value.Undefined : Value.Exact(Rational.One);
            if (b.IsExact)
            {
                if (q.IsInteger && BigInteger.Abs(q.Num) <= 100_000)
                {
                    int k = (int)q.Num;
                    if (b.IsZero) return k < 0 ? Value.Undefined : Value.Exact(Rational.Zero);
                    long bits = Math.Max(1, b.Bits) * Math.Abs((long)k);
                    if (bits <= _o.MaxExactBits)
                    {
                        _budget.Tick((int)(bits / 64));
                        return ExactIntPow(b, k);
                    }
                }
                else if (!q.IsInteger && b.IsExactReal && q.Den <= 64 && BigInteger.Abs(q.Num) <= 10_000 && b.Re.Bits <= 4096)
                {
                    int den = (int)q.Den;
                    var r = b.Re;
                    bool negative = r.Sign < 0;
                    var abs = negative ? -r : r;
                    if (Rational.TryExactRoot(abs.Num, den, out var rn) && Rational.TryExactRoot(abs.Den, den, out var rd))
                    {
                        var root = Value.Exact(new Rational(rn, rd));
                        if (negative)
                        {
                            if (den % 2 == 1) root = Value.Neg(root);
                            else if (den == 2) root = Value.Mul(root, Value.Exact(Rational.Zero, Rational.One));
                            else return Value.Inexact(Complex.Pow(b.Approx, e.Approx));
                        }
                        return Pow(root, Value.Exact(Rational.FromInt(q.Num)));
                    }
                    // Real odd roots of negative numbers stay real (cube root of -2 is -2^(1/3)).
                    if (negative && den % 2 == 1)
                    {
                        double mag = Math.Pow(abs.ToDouble(), q.ToDouble());
                        return Value.Real(q.Num.IsEven ? mag : -mag);
                    }
                }
            }
            if (b.IsReal && b.Approx.Real >= 0)
                return Value.Real(Math.Pow(b.Approx.Real, q.ToDouble()));
            if (b.IsReal && q.IsInteger && BigInteger.Abs(q.Num) < 1_000_000)
                return Value.Real(Math.Pow(b.Approx.Real, (double)q.Num));
        }
        if (b.IsZero) return Value.Exact(Rational.Zero);
        if (b.IsReal && e.IsReal && b.Approx.Real > 0)
            return Value.Real(Math.Pow(b.Approx.Real, e.Approx.Real));
        return Value.Inexact(Complex.Pow(b.Approx, e.Approx));
    }

    private Value ExactIntPow(Value b, int k)
    {
        if (b.IsExactReal) return Value.Exact(b.Re.Pow(k));
        bool invert = k < 0;
        long m = Math.Abs((long)k);
        var result = Value.Exact(Rational.One);
        var sq = b;
        while (m > 0)
        {
            _budget.Tick();
            if ((m & 1) == 1) result = Value.Mul(result, sq);
            m >>= 1;
            if (m > 0) sq = Value.Mul(sq, sq);
        }
        return invert ? Value.Inv(result) : result;
    }

    private Value Func(Node n)
    {
        var args = new Value[n.Children.Length];
        for (int k = 0; k < args.Length; k++)
        {
            args[k] = Eval(n.Children[k]);
            if (args[k].IsUndefined) return Value.Undefined;
        }
        if (args.Any(x => x.IsInfinite)) return Value.Undefined;
        var a = args[0];
        switch (n.Name)
        {
            case "abs":
                if (a.IsExactReal) return Value.Exact(a.Re.Sign < 0 ? -a.Re : a.Re);
                if (a.IsExact) return Pow(Value.Add(Value.Mul(Value.Exact(a.Re), Value.Exact(a.Re)), Value.Mul(Value.Exact(a.Im), Value.Exact(a.Im))), Value.Exact(new Rational(1, 2)));
                return Value.Real(Complex.Abs(a.Approx));
            case "floor":
            case "ceil":
                if (a.IsExactReal)
                {
                    var q = BigInteger.DivRem(a.Re.Num, a.Re.Den, out var rem);
                    if (!rem.IsZero)
                    {
                        if (n.Name == "floor" && a.Re.Sign < 0) q -= 1;
                        if (n.Name == "ceil" && a.Re.Sign > 0) q += 1;
                    }
                    return Value.Exact(Rational.FromInt(q));
                }
                if (!a.IsReal) return Value.Undefined;
                return Value.Real(n.Name == "floor" ? Math.Floor(a.Approx.Real) : Math.Ceiling(a.Approx.Real));
            case "fact":
                if (!a.IsExactReal || !a.Re.IsInteger || a.Re.Sign < 0 || a.Re.Num > 3000) return Value.Undefined;
            {
                BigInteger f = BigInteger.One;
                for (int k = 2; k <= (int)a.Re.Num; k++) { f *= k; }
                _budget.Tick((int)a.Re.Num);
                return Value.Exact(Rational.FromInt(f));
            }
            case "binom":
            {
                var b = args[1];
                if (!a.IsExactReal || !b.IsExactReal || !a.Re.IsInteger || !b.Re.IsInteger || b.Re.Num > 5000 || BigInteger.Abs(a.Re.Num) > 1_000_000)
                    return Value.Undefined;
                int kk = (int)b.Re.Num;
                if (kk < 0) return Value.Exact(Rational.Zero);
                var nn = a.Re.Num;
                BigInteger num = BigInteger.One, den = BigInteger.One;
                for (int j = 0; j < kk; j++) { num *= nn - j; den *= j + 1; }
                _budget.Tick(kk);
                return Value.Exact(new Rational(num, den));
            }
            case "gcd":
            case "lcm":
            {
                BigInteger acc = BigInteger.Zero;
                foreach (var x in args)
                {
                    if (!x.IsExactReal || !x.Re.IsInteger) return Value.Undefined;
                    var v = BigInteger.Abs(x.Re.Num);
                    if (n.Name == "gcd") acc = BigInteger.GreatestCommonDivisor(acc, v);
                    else acc = acc.IsZero ? v : (v.IsZero ? BigInteger.Zero : acc / BigInteger.GreatestCommonDivisor(acc, v) * v);
                }
                return Value.Exact(Rational.FromInt(acc));
            }
            case "sqrt":
                return Pow(a, Value.Exact(new Rational(1, 2)));
            case "exp":
                return Value.Inexact(Complex.Exp(a.Approx));
        }
        if (n.Name is "ln" or "log" or "log10" or "logb")
        {
            if (a.IsExactReal && a.Re == Rational.One) return Value.Exact(Rational.Zero);
            if (a.IsZero) return Value.Undefined;
            if (n.Name == "logb")
            {
                var b = args[1];
                var exact = ExactLog(a, b);
                if (exact is { } ev) return ev;
                return Value.Inexact(Complex.Log(a.Approx) / Complex.Log(b.Approx));
            }
            if (n.Name is "log10") { var ex = ExactLog(a, Value.Exact(Rational.FromInt(10))); if (ex is { } e10) return e10; return Value.Inexact(Complex.Log10(a.Approx)); }
            // log without a base: natural log, as in SymPy and most graders.
            return a.IsReal && a.Approx.Real > 0 ? Value.Real(Math.Log(a.Approx.Real)) : Value.Inexact(Complex.Log(a.Approx));
        }
        var z = a.Approx;
        Complex r = n.Name switch
        {
            "sin" => Complex.Sin(z),
            "cos" => Complex.Cos(z),
            "tan" => Complex.Tan(z),
            "sec" => Complex.Reciprocal(Complex.Cos(z)),
            "csc" => Complex.Reciprocal(Complex.Sin(z)),
            "cot" => Complex.Reciprocal(Complex.Tan(z)),
            "arcsin" => Complex.Asin(z),
            "arccos" => Complex.Acos(z),
            "arctan" => Complex.Atan(z),
            "sinh" => Complex.Sinh(z),
            "cosh" => Complex.Cosh(z),
            "tanh" => Complex.Tanh(z),
            _ => Complex.NaN,
        };
        if (a.IsExact && a.IsZero && n.Name is "sin" or "tan" or "arcsin" or "arctan" or "sinh" or "tanh") return Value.Exact(Rational.Zero);
        if (a.IsExact && a.IsZero && n.Name is "cos" or "cosh") return Value.Exact(Rational.One);
        return Value.Inexact(r);
    }

    /// <summary>log_b(a) exactly when a = b^k for a small integer k (log_2 8 = 3).</summary>
    private static Value? ExactLog(Value a, Value b)
    {
        if (!a.IsExactReal || !b.IsExactReal || a.Re.Sign <= 0 || b.Re.Sign <= 0 || b.Re == Rational.One) return null;
        if (a.Re.Bits > 2048 || b.Re.Bits > 2048) return null;
        double guess = Math.Log(a.Re.ToDouble()) / Math.Log(b.Re.ToDouble());
        if (double.IsNaN(guess) || Math.Abs(guess) > 4096) return null;
        // Try k and 1/k candidates: integer powers and integer roots.
        var k = (int)Math.Round(guess);
        if (k != 0 && b.Re.Pow(k) == a.Re) return Value.Exact(Rational.FromInt(k));
        if (Math.Abs(guess) > 1e-9)
        {
            var inv = (int)Math.Round(1 / guess);
            if (inv != 0 && Math.Abs(inv) <= 64 && a.Re.Pow(inv) == b.Re) return Value.Exact(new Rational(1, inv));
        }
        return null;
    }
}
