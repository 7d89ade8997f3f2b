namespace Sift.Data.Synthetic.General;

/// <summary>
/// The families of the embedded instruction-following task. Each has one right response, so a
/// person and the metric agree on "followed the instruction" (<see cref="Sift.Rewards.InstructionFollowingReward"/>).
/// </summary>
public enum InstructionFamily
{
    /// <summary>Formatting: "Write the words a b c in upper case separated by commas." → <c>A, B, C</c>.</summary>
    UpperCaseList,

    /// <summary>Transformation: "Reverse the list: 3 7 1" → <c>1 7 3</c>.</summary>
    ReverseList,

    /// <summary>Transformation: "Sort the words alphabetically: pear fig apple" → <c>apple fig pear</c>.</summary>
    SortWords,

    /// <summary>Transformation: "How many times does the letter a appear in banana?" → <c>3</c>.</summary>
    CountLetter,

    /// <summary>Lookup: "Table: cat=4, dog=7. What is the value of dog?" → <c>7</c>.</summary>
    LookupValue,
}
