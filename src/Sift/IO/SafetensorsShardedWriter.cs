using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>
/// Writes the weights of a model directory the way transformers' <c>save_pretrained</c> does: one
/// <c>model.safetensors</c> when everything fits in <c>maxShardBytes</c>, otherwise
/// <c>model-0000i-of-0000n.safetensors</c> shards plus <c>model.safetensors.index.json</c>
/// (<c>metadata.total_size</c>, <c>weight_map</c>). Tensors fill shards in the order they were added
/// (huggingface_hub's split_torch_state_dict_into_shards: a new shard starts when the next tensor
/// would overflow the limit; a tensor larger than the limit gets a shard of its own). Every file
/// is written atomically, the index last; files of the other layout left in the directory are
/// removed so a reader never mixes old and new weights.
/// </summary>
public sealed class SafetensorsShardedWriter
{
    /// <summary>transformers' default <c>max_shard_size</c> ("5GB").</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    private readonly List<(string Name, long[] Shape, FloatSpanSource Source, SafetensorsDtype Dtype, long Bytes)> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>Adds a tensor (data read when <see cref="Save"/> runs).</summary>
    public SafetensorsShardedWriter Add(string name, ReadOnlySpan<long> shape, FloatSpanSource source, SafetensorsDtype dtype = SafetensorsDtype.F32)
    {
        long count = 1;
        foreach (long d in shape) count = checked(count * d);
        _tensors.Add((name, shape.ToArray(), source, dtype, count * SafetensorsDtypes.SizeOf(dtype)));
        return this;
    }

    /// <summary>Sets a <c>__metadata__</c> entry of every file written.</summary>
    public SafetensorsShardedWriter AddMetadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>Writes the weights into <paramref name="directory"/>; returns the file names written (the index last when sharded).</summary>
    public IReadOnlyList<string> Save(string directory, long maxShardBytes = DefaultMaxShardBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxShardBytes, 1);
        Directory.CreateDirectory(directory);
        var shards = new List<List<int>>();
        long current = 0;
        for (int i = 0; i < _tensors.Count; i++)
        {
            long bytes = _tensors[i].Bytes;
            if (shards.Count == 0 || (current + bytes > maxShardBytes && current > 0))
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(i);
            current += bytes;
        }
        if (shards.Count <= 1)
        {
            RemoveSharded(directory);
            Writer(shards.Count == 0 ? [] : shards[0]).Save(Path.Combine(directory, SafetensorsCheckpoint.WeightsFile));
            return [SafetensorsCheckpoint.WeightsFile];
        }
        // A stale single file would win over the index (SafetensorsCheckpoint.Open prefers it): remove it first.
        string single = Path.Combine(directory, SafetensorsCheckpoint.WeightsFile);
        if (File.Exists(single)) File.Delete(single);
        var names = new List<string>();
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int s = 0; s < shards.Count; s++)
        {
            string file = string.Create(CultureInfo.InvariantCulture, $"model-{s + 1:00000}-of-{shards.Count:00000}.safetensors");
            Writer(shards[s]).Save(Path.Combine(directory, file));
            foreach (int i in shards[s]) weightMap[_tensors[i].Name] = file;
            names.Add(file);
        }
        foreach (string stale in Directory.GetFiles(directory, "model-*-of-*.safetensors"))
        {
            if (!names.Contains(Path.GetFileName(stale))) File.Delete(stale);
        }
        var map = new JsonObject();
        foreach (var (k, v) in weightMap) map[k] = v;
        var index = new JsonObject
        {
            ["metadata"] = new JsonObject { ["total_size"] = _tensors.Sum(t => t.Bytes) },
            ["weight_map"] = map,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, SafetensorsCheckpoint.IndexFile), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        names.Add(SafetensorsCheckpoint.IndexFile);
        return names;
    }

    private SafetensorsWriter Writer(List<int> indices)
    {
        var w = new SafetensorsWriter();
        foreach (int i in indices)
        {
            var t = _tensors[i];
            w.Add(t.Name, t.Shape, t.Source, t.Dtype);
        }
        foreach (var (k, v) in _metadata) w.AddMetadata(k, v);
        return w;
    }

    private static void RemoveSharded(string directory)
    {
        string index = Path.Combine(directory, SafetensorsCheckpoint.IndexFile);
        if (File.Exists(index)) File.Delete(index);
        foreach (string stale in Directory.GetFiles(directory, "model-*-of-*.safetensors")) File.Delete(stale);
    }
}
