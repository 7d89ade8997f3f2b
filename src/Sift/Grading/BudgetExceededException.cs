namespace Sift.Grading;

/// <summary>Thrown internally when a call exceeds its step budget; mapped to <see cref="Verdict.TimedOut"/>.</summary>
internal sealed class BudgetExceededException : Exception
{
    public BudgetExceededException() : base("step budget exceeded") { }
}
