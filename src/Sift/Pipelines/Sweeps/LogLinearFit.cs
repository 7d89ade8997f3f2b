namespace Sift.Pipelines.Sweeps;

/// <summary>
/// accuracy = a + b·ln(amount): the log-linear scaling law of Yuan et al. 2023 ("Scaling
/// relationship on learning mathematical reasoning with LLMs": SFT accuracy grows log-linearly with
/// the amount of supervised data) fitted by least squares on ln(amount).
/// </summary>
public static class LogLinearFit
{
    /// <summary>Fits accuracy = a + b·ln(amount); every amount must be positive.</summary>
    public static LinearFit Fit(IReadOnlyList<double> amounts, IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var logs = new double[amounts.Count];
        for (int i = 0; i < logs.Length; i++)
        {
            if (!(amounts[i] > 0) || double.IsPositiveInfinity(amounts[i])) throw new ArgumentException($"amount {i} is {amounts[i]}; a log-linear fit needs positive finite amounts");
            logs[i] = Math.Log(amounts[i]);
        }
        return LinearFit.Fit(logs, accuracies);
    }
}
