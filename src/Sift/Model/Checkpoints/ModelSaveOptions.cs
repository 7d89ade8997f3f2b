using Sift.IO;

namespace Sift.Model.Checkpoints;

/// <summary>How <see cref="ModelDirectory"/> writes weights.</summary>
public sealed record ModelSaveOptions
{
    /// <summary>
    /// The dtype of the written tensors (F32, BF16 or F16), and config.json's torch_dtype with it.
    /// Null keeps the dtype the model was loaded in (<see cref="TransformerModel.StorageDtype"/>) as
    /// long as that is lossless: weights that training moved off the BF16/F16 grid are written F32
    /// (torch_dtype unchanged) rather than rounded; ask for BF16 explicitly to round them.
    /// </summary>
    public SafetensorsDtype? Dtype { get; init; }

    /// <summary>Shard size limit in bytes (transformers' max_shard_size); above it the weights are sharded with an index.</summary>
    public long MaxShardBytes { get; init; } = SafetensorsShardedWriter.DefaultMaxShardBytes;
}
