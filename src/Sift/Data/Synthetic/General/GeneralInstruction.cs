namespace Sift.Data.Synthetic.General;

/// <summary>One generated instruction with its family (the family decides nothing about grading; it is kept for per-family statistics).</summary>
/// <param name="Family">Which kind of instruction.</param>
/// <param name="Problem">Question = the instruction, Solution = Answer = the one right response, Source = <c>synth-general</c>.</param>
public sealed record GeneralInstruction(InstructionFamily Family, MathProblem Problem);
