using System.Numerics;

namespace Sift.Grading;

/// <summary>
/// A complex number that is exact (two <see cref="Rational"/> parts) for as long as only exact
/// operations were applied, and otherwise a double-precision approximation. <see cref="IsUndefined"/>
/// marks division by zero and out-of-domain results.
/// </summary>
internal readonly struct Value
{
    public bool IsExact { get; }
    public bool IsUndefined { get; }
    public Rational Re { get; }
    public Rational Im { get; }
    public Complex Approx { get; }

    private Value(bool exact, bool undefined, Rational re, Rational im, Complex approx)
    {
        IsExact = exact; IsUndefined = undefined; Re = re; Im = im; Approx = approx;
    }

    public static Value Exact(Rational re) => new(true, false, re, Rational.Zero, new Complex(re.ToDouble(), 0));
    public static Value Exact(Rational re, Rational im) => new(true, false, re, im, new Complex(re.ToDouble(), im.ToDouble()));
    /// <summary>A floating-point value; overflow to ±∞ (or NaN) from finite inputs is undefined, never "infinity".</summary>
    public static Value Inexact(Complex c) =>
        double.IsFinite(c.Real) && double.IsFinite(c.Imaginary) ? new(false, false, Rational.Zero, Rational.Zero, c) : Undefined;

    /// <summary>The extended reals' +∞ or −∞, only from an explicit \infty in the answer.</summary>
    public static Value Infinity(int sign) => new(false, false, Rational.Zero, Rational.Zero, new Complex(sign * double.PositiveInfinity, 0));

    private int InfinitySign => IsInfinite ? Math.Sign(Approx.Real) : 0;
    public static Value Real(double d) => Inexact(new Complex(d, 0));
    public static readonly Value Undefined = new(false, true, Rational.Zero, Rational.Zero, Complex.NaN);

    public bool IsExactReal => IsExact && Im.IsZero;
    public bool IsReal => IsExact ? Im.IsZero : Math.Abs(Approx.Imaginary) <= 1e-12 * Math.Max(1, Math.Abs(Approx.Real));
    public bool IsZero => IsExact ? Re.IsZero && Im.IsZero : Approx == Complex.Zero;
    public bool IsInfinite => !IsExact && !IsUndefined && (double.IsInfinity(Approx.Real) || double.IsInfinity(Approx.Imaginary));
    public long Bits => Re.Bits + Im.Bits;

    public static Value Add(Value a, Value b)
    {
        if (a.IsUndefined || b.IsUndefined) return Undefined;
        if (a.IsInfinite || b.IsInfinite)
        {
            int sa = a.InfinitySign, sb = b.InfinitySign;
            if (sa != 0 && sb != 0 && sa != sb) return Undefined;
            if ((sa == 0 && !a.IsReal) || (sb == 0 && !b.IsReal)) return Undefined;
            return Infinity(sa != 0 ? sa : sb);
        }
        if (a.IsExact && b.IsExact) return Exact(a.Re + b.Re, a.Im + b.Im);
        return Inexact(a.Approx + b.Approx);
    }

    public static Value Neg(Value a)
    {
        if (a.IsUndefined) return Undefined;
        if (a.IsInfinite) return Infinity(-a.InfinitySign);
        return a.IsExact ? Exact(-a.Re, -a.Im) : Inexact(-a.Approx);
    }

    public static Value Mul(Value a, Value b)
    {
        if (a.IsUndefined || b.IsUndefined) return Undefined;
        if (a.IsInfinite || b.IsInfinite)
        {
            var other = a.IsInfinite ? b : a;
            int s1 = a.IsInfinite ? a.InfinitySign : b.InfinitySign;
            if (other.IsInfinite) return Infinity(s1 * other.InfinitySign);
            if (other.IsZero || !other.IsReal) return Undefined;
            return Infinity(s1 * Math.Sign(other.Approx.Real));
        }
        if (a.IsExact && b.IsExact)
        {
            if (a.Im.IsZero && b.Im.IsZero) return Exact(a.Re * b.Re);
            return Exact(a.Re * b.Re - a.Im * b.Im, a.Re * b.Im + a.Im * b.Re);
        }
        if ((a.IsExact && a.IsZero && !b.IsInfinite) || (b.IsExact && b.IsZero && !a.IsInfinite)) return Exact(Rational.Zero);
        return Inexact(a.Approx * b.Approx);
    }

    public static Value Inv(Value a)
    {
        if (a.IsUndefined || a.IsZero) return Undefined;
        if (a.IsExact)
        {
            if (a.Im.IsZero) return Exact(a.Re.Reciprocal());
            var d = a.Re * a.Re + a.Im * a.Im;
            return Exact(a.Re / d, -a.Im / d);
        }
        if (a.IsInfinite) return Exact(Rational.Zero);
        return Inexact(Complex.Reciprocal(a.Approx));
    }
}
