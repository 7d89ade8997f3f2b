namespace Sift.Text.Chat;

/// <summary>
/// An error raised while evaluating a value (a filter, method or operator) before its position is
/// known; the renderer turns it into a <see cref="JinjaException"/> naming the template position.
/// </summary>
internal sealed class JinjaRuntimeException : Exception
{
    public JinjaRuntimeException() { }

    public JinjaRuntimeException(string message) : base(message) { }

    public JinjaRuntimeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Whether the template raised it itself with <c>raise_exception</c>.</summary>
    public bool RaisedByTemplate { get; init; }
}
