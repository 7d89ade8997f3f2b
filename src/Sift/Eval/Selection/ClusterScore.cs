namespace Sift.Eval.Selection;

/// <summary>How <see cref="ClusterRerank"/> scores a cluster from its members' scores.</summary>
public enum ClusterScore
{
    /// <summary>The mean member score.</summary>
    Mean,

    /// <summary>The best member score.</summary>
    Max,
}
