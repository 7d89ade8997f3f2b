namespace Sift.Grading;

/// <summary>Thrown internally for input the parser cannot read; mapped to <see cref="Verdict.Unparseable"/>.</summary>
internal sealed class AnswerParseException : Exception
{
    public AnswerParseException(string message) : base(message) { }
}
