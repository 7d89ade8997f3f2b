namespace Sift.Training;

/// <summary>Hyper-parameters of <see cref="AdamW"/>; defaults are PyTorch's except beta2 (0.95, the usual LM choice).</summary>
public sealed record AdamWOptions
{
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Decoupled weight decay, applied only to segments marked <see cref="ParameterSegment.Decay"/>.</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"AdamW beta1 must be in [0, 1), got {Beta1}");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"AdamW beta2 must be in [0, 1), got {Beta2}");
        if (!(Epsilon >= 0)) throw new ArgumentException($"AdamW epsilon must be >= 0, got {Epsilon}");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"AdamW weight_decay must be >= 0, got {WeightDecay}");
    }
}
