namespace Sift.Methods.Multitask;

/// <summary>The fine-tuning strategies compared by Liu et al. 2023, §3.3.</summary>
public enum MultitaskStrategy
{
    /// <summary>Solution fine-tuning only: the SFT model generates; its evaluator is the SFT model fine-tuned on the evaluation task.</summary>
    SolutionFt,

    /// <summary>
    /// The control for <see cref="Sequential"/>: the SFT model fine-tuned again on solutions for the same
    /// steps as sequential's last stage, with no evaluation stage in between; its evaluator is solution_ft's.
    /// Without it, sequential's gain cannot be told apart from the extra generation training.
    /// </summary>
    SolutionFtContinued,

    /// <summary>Generation → evaluation → generation again, each stage continuing from the previous stage's weights.</summary>
    Sequential,

    /// <summary>One fine-tuning of the base model on generation and evaluation examples together.</summary>
    Mixed,
}
