namespace Sift.Grading;

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
