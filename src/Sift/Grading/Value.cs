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
    public static Value Inexact(Complex c) =>
        double.IsNaN(c.Real) || double.IsNaN(c.Imaginary) ? Undefined : new(false, false, Rational.Zero, Rational.Zero, c);
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
        if (a.IsExact && b.IsExact) return Exact(a.Re + b.Re, a.Im + b.Im);
        return Inexact(a.Approx + b.Approx);
    }

    public static Value Neg(Value a)
    {
        if (a.IsUndefined) return Undefined;
        return a.IsExact ? Exact(-a.Re, -a.Im) : Inexact(-a.Approx);
    }

    public static Value Mul(Value a, Value b)
    {
        if (a.IsUndefined || b.IsUndefined) return Undefined;
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
