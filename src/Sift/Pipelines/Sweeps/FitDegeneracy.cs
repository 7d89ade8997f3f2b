namespace Sift.Pipelines.Sweeps;

/// <summary>Why a least-squares line is not an ordinary fit (the coefficients are still finite values, never NaN).</summary>
public enum FitDegeneracy
{
    /// <summary>An ordinary fit: at least two distinct x and some spread in y.</summary>
    None,

    /// <summary>No points: a = 0, b = 0, R² = 0.</summary>
    NoPoints,

    /// <summary>Fewer than two distinct x: the slope is unidentifiable, so b = 0, a = mean y, R² = 0.</summary>
    SingleX,

    /// <summary>Every y is the same: the fit is exact (b = 0, a = y) and R² is defined as 1 (no residual to explain).</summary>
    ConstantY,
}
