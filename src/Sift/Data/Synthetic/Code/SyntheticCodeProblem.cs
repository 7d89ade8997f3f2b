using Sift.Data.Code;

namespace Sift.Data.Synthetic.Code;

/// <summary>One generated code problem with the generator's knowledge of it.</summary>
/// <param name="Problem">The shared record: Question = instruction, Solution = reference code, Answer = <see cref="Tests"/> as JSON.</param>
/// <param name="Family">Which template family made it (e.g. <c>arith</c>, <c>loop</c>).</param>
/// <param name="Difficulty">1 (one expression) to 3 (a loop with a condition).</param>
/// <param name="Tests">The unit tests (also serialised in <see cref="MathProblem.Answer"/>).</param>
public sealed record SyntheticCodeProblem(MathProblem Problem, string Family, int Difficulty, PythonTestSuite Tests);
