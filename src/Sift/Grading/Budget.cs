namespace Sift.Grading;

/// <summary>Thrown internally when a call exceeds its step budget; mapped to <see cref="Verdict.TimedOut"/>.</summary>
internal sealed class BudgetExceededException : Exception
{
    public BudgetExceededException() : base("step budget exceeded") { }
}

/// <summary>Thrown internally for input the parser cannot read; mapped to <see cref="Verdict.Unparseable"/>.</summary>
internal sealed class AnswerParseException : Exception
{
    public AnswerParseException(string message) : base(message) { }
}

/// <summary>A per-call step counter: one instance per grading call, so there is no shared state.</summary>
internal sealed class Budget
{
    private readonly int _max;
    private int _steps;

    public Budget(int maxSteps) { _max = maxSteps; }

    public int Steps => _steps;

    public void Tick(int n = 1)
    {
        _steps += n;
        if (_steps > _max) throw new BudgetExceededException();
    }
}
