namespace Sift.Eval.Selection;

/// <summary>
/// Samples whose final answers are equivalent. <see cref="Members"/> are indices into the
/// <see cref="ProblemSamples.Samples"/> the clustering was made from, ascending; the first is the
/// representative whose answer names the cluster.
/// </summary>
public sealed class AnswerCluster
{
    internal AnswerCluster(string answer, int answerId, List<int> members)
    {
        Answer = answer;
        AnswerId = answerId;
        MemberList = members;
    }

    /// <summary>The representative's answer as written.</summary>
    public string Answer { get; }

    /// <summary>The sample index of the representative (the cluster's first occurrence).</summary>
    public int FirstIndex => MemberList[0];

    /// <summary>Number of samples in the cluster.</summary>
    public int Size => MemberList.Count;

    /// <summary>The member sample indices, ascending.</summary>
    public IReadOnlyList<int> Members => MemberList;

    internal int AnswerId { get; }

    internal List<int> MemberList { get; }
}
