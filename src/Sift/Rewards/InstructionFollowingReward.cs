using System.Text;
using Sift.Data;

namespace Sift.Rewards;

/// <summary>
/// The metric of the general ability (the embedded instruction-following task,
/// <see cref="Sift.Data.Synthetic.General.GeneralInstructionGenerator"/>): 1 when the response, once
/// normalised, equals the expected output in <see cref="MathProblem.Answer"/> exactly. Normalising forgives
/// only what a person would not count against "followed the instruction": leading and trailing
/// whitespace, runs of whitespace (one space), spaces around commas (<c>A,B</c> = <c>A, B</c>) and trailing
/// sentence punctuation (<c>. ! ;</c>). Letter case is kept: upper-casing is itself an instruction, and every
/// other family's answer is lower-case words or digits. Per family: upper-case list — the words, upper
/// case, in the given order, comma separated; reverse / sort — the items in the required order, space
/// separated; count and lookup — the number alone (a sentence around it is not the asked-for output).
/// </summary>
public sealed class InstructionFollowingReward : IReward
{
    public string Name => "instruction_exact";

    public RewardResult Score(MathProblem problem, string sampleText)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var got = Normalize(sampleText ?? "");
        if (got.Length == 0) return RewardResult.Reject("empty");
        return got == Normalize(problem.Answer) ? RewardResult.Accept("exact") : RewardResult.Reject("mismatch");
    }

    /// <summary>The text compared: trimmed, whitespace collapsed, no spaces around commas, no trailing <c>. ! ;</c>.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (c == ',')
            {
                pendingSpace = false;
                sb.Append(',');
                continue;
            }
            if (pendingSpace && sb[^1] != ',') sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        var end = sb.Length;
        while (end > 0 && sb[end - 1] is '.' or '!' or ';') end--;
        while (end > 0 && sb[end - 1] == ' ') end--;
        return sb.ToString(0, end);
    }
}
