using Sift.IO;
using Sift.Tensors;
using Sift.Tensors.Memory;

namespace Sift.Model;

/// <summary>
/// A decoder-only transformer of either family (docs/model-spec.md): its config, the parameter
/// layout and the one aligned block holding every weight. Training (<see cref="TrainingGraph"/>)
/// and generation (<see cref="Generation.TextGenerator"/>) work on top of it.
/// </summary>
public sealed class TransformerModel : IDisposable
{
    /// <summary>Builds a model with zero weights (load or initialise next).</summary>
    public TransformerModel(ModelConfig config, IGemm? gemm = null)
    {
        config.Validate();
        Config = config;
        Parameters = ParameterTable.Build(config);
        Weights = new AlignedBlock(Parameters.TotalSize);
        Gemm = gemm ?? GemmFactory.Default;
    }

    /// <summary>Builds a model and initialises it from <paramref name="seed"/>.</summary>
    public static TransformerModel Create(ModelConfig config, ulong seed, IGemm? gemm = null)
    {
        var model = new TransformerModel(config, gemm);
        model.InitializeWeights(seed);
        return model;
    }

    public ModelConfig Config { get; }

    public ParameterTable Parameters { get; }

    /// <summary>Every weight, laid out by <see cref="Parameters"/>.</summary>
    public AlignedBlock Weights { get; }

    /// <summary>
    /// The dtype the weights came in from disk (F32 for a model built here); saving keeps it
    /// unless told otherwise (<see cref="Checkpoints.ModelSaveOptions"/>).
    /// </summary>
    public SafetensorsDtype StorageDtype { get; set; } = SafetensorsDtype.F32;

    /// <summary>The GEMM used by forward and backward passes.</summary>
    public IGemm Gemm { get; set; }

    /// <summary>The weights of one parameter by Hugging Face name.</summary>
    public Span<float> Parameter(string name)
    {
        var p = Parameters[name];
        return Weights.Slice(p.Offset, p.Size);
    }

    /// <summary>Re-initialises every weight per the spec from <paramref name="seed"/>.</summary>
    public void InitializeWeights(ulong seed) => ParameterInitializer.Initialize(Config, Parameters, Weights.Span, seed);

    public void Dispose() => Weights.Dispose();
}
