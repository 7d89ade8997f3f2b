namespace Sift.Grading;

/// <summary>One GSM8K calculator annotation &lt;&lt;lhs=result&gt;&gt;.</summary>
/// <param name="Raw">The text between the angle brackets.</param>
/// <param name="Expression">The left-hand expression.</param>
/// <param name="StatedResult">The result written after the last '='.</param>
/// <param name="Start">Index of the opening "&lt;&lt;" in the solution.</param>
public sealed record Annotation(string Raw, string Expression, string StatedResult, int Start);
