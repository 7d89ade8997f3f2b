namespace Sift.Text.Chat;

/// <summary>A place in a template source: 1-based line and column.</summary>
public readonly record struct JinjaPosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
