using System.Numerics;

namespace Sift.Grading;

/// <summary>An exact rational number num/den with den &gt; 0 and gcd(num, den) = 1.</summary>
internal readonly struct Rational : IEquatable<Rational>
{
    public BigInteger Num { get; }
    public BigInteger Den { get; }

    public Rational(BigInteger num, BigInteger den)
    {
        if (den.Sign < 0) { num = -num; den = -den; }
        var g = BigInteger.GreatestCommonDivisor(num, den);
        if (!g.IsZero && !g.IsOne) { num /= g; den /= g; }
        Num = num;
        Den = den.IsZero ? BigInteger.One : den;
    }

    private Rational(BigInteger num, BigInteger den, bool _) { Num = num; Den = den; }

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One, true);
    public static Rational One => new(BigInteger.One, BigInteger.One, true);
    public static Rational FromInt(BigInteger n) => new(n, BigInteger.One, true);

    public bool IsZero => Num.IsZero;
    public bool IsInteger => Den.IsOne;
    public int Sign => Num.Sign;
    public long Bits => (long)Num.GetBitLength() + (long)Den.GetBitLength();

    public static Rational operator +(Rational a, Rational b) =>
        a.Den == b.Den ? new Rational(a.Num + b.Num, a.Den) : new Rational(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a, Rational b) =>
        a.Den == b.Den ? new Rational(a.Num - b.Num, a.Den) : new Rational(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a) => new(-a.Num, a.Den, true);
    public static Rational operator *(Rational a, Rational b) => new(a.Num * b.Num, a.Den * b.Den);

    /// <summary>Division; the caller must check that b is non-zero.</summary>
    public static Rational operator /(Rational a, Rational b) => new(a.Num * b.Den, a.Den * b.Num);

    public Rational Reciprocal() => new(Den, Num);

    public Rational Pow(int e)
    {
        if (e == 0) return One;
        if (e < 0) return new Rational(BigInteger.Pow(Den, -e), BigInteger.Pow(Num, -e));
        return new Rational(BigInteger.Pow(Num, e), BigInteger.Pow(Den, e), true);
    }

    public double ToDouble()
    {
        if (Den.IsOne) return (double)Num;
        // Scale so that both parts fit a double even for huge operands.
        long shift = Math.Max(0, Math.Max((long)Num.GetBitLength(), (long)Den.GetBitLength()) - 1000);
        if (shift == 0) return (double)Num / (double)Den;
        var n = Num >> (int)shift; var d = Den >> (int)shift;
        if (d.IsZero) return Num.Sign * double.PositiveInfinity;
        return (double)n / (double)d;
    }

    public bool Equals(Rational other) => Num == other.Num && Den == other.Den;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Num, Den);
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public override string ToString() => Den.IsOne ? Num.ToString() : $"{Num}/{Den}";

    /// <summary>Exact integer n-th root of a non-negative integer, if it exists.</summary>
    public static bool TryExactRoot(BigInteger x, int n, out BigInteger root)
    {
        root = BigInteger.Zero;
        if (x.Sign < 0) return false;
        if (x.IsZero || x.IsOne) { root = x; return true; }
        long bits = (long)x.GetBitLength();
        if (bits > 4096) return false;
        // Newton iteration from a floating estimate, then a local correction.
        double est = Math.Exp(BigInteger.Log(x) / n);
        BigInteger r = double.IsFinite(est) && est < 1e300
            ? (est < 1e15 ? new BigInteger(Math.Round(est)) : new BigInteger(est))
            : BigInteger.One << (int)(bits / n + 1);
        for (int iter = 0; iter < 200; iter++)
        {
            var rp = BigInteger.Pow(r, n - 1);
            if (rp.IsZero) break;
            var next = ((n - 1) * r + x / rp) / n;
            if (BigInteger.Abs(next - r) <= 1) { r = next; break; }
            r = next;
        }
        for (var c = r - 2; c <= r + 2; c++)
        {
            if (c.Sign < 0) continue;
            if (BigInteger.Pow(c, n) == x) { root = c; return true; }
        }
        return false;
    }
}
