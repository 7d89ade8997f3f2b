using System.Text.Json;

namespace Sift.IO;

/// <summary>
/// The weights of a model directory as one lookup: either a single <c>model.safetensors</c> or Hugging
/// Face's sharded layout (<c>model.safetensors.index.json</c> whose <c>weight_map</c> names the shard of
/// each tensor). Shards are opened on first use.
/// </summary>
public sealed class SafetensorsCheckpoint : IDisposable
{
    /// <summary>Single-file weights name.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Sharded-weights index name.</summary>
    public const string IndexFile = "model.safetensors.index.json";

    private readonly Dictionary<string, string> _shardOf;
    private readonly Dictionary<string, SafetensorsFile> _open = new(StringComparer.Ordinal);
    private readonly string _directory;

    private SafetensorsCheckpoint(string directory, Dictionary<string, string> shardOf, string source)
    {
        _directory = directory;
        _shardOf = shardOf;
        Source = source;
    }

    /// <summary>The file that lists the tensors: the single weights file, or the index of a sharded checkpoint.</summary>
    public string Source { get; }

    /// <summary>Whether the weights are sharded (read through the index).</summary>
    public bool IsSharded => Source.EndsWith(IndexFile, StringComparison.Ordinal);

    /// <summary>The path of the file holding <paramref name="name"/> (for error messages).</summary>
    public string PathOf(string name) => _shardOf.TryGetValue(name, out string? shard) ? Path.Combine(_directory, shard) : Source;

    /// <summary>Opens one safetensors file as a checkpoint (whatever its name).</summary>
    public static SafetensorsCheckpoint OpenFile(string path)
    {
        var file = SafetensorsFile.Open(path);
        string name = Path.GetFileName(path);
        var map = file.Tensors.ToDictionary(t => t.Name, _ => name, StringComparer.Ordinal);
        var cp = new SafetensorsCheckpoint(Path.GetDirectoryName(Path.GetFullPath(path))!, map, path);
        cp._open[name] = file;
        return cp;
    }

    /// <summary>Tensor names, sorted.</summary>
    public IReadOnlyList<string> Names => _shardOf.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Opens the weights of <paramref name="directory"/>; a clear error when neither layout is there.</summary>
    public static SafetensorsCheckpoint Open(string directory)
    {
        string single = Path.Combine(directory, WeightsFile);
        string index = Path.Combine(directory, IndexFile);
        if (File.Exists(single))
            return OpenFile(single);
        if (File.Exists(index))
            return new SafetensorsCheckpoint(directory, ReadIndex(index, directory), index);
        string hint = File.Exists(Path.Combine(directory, "pytorch_model.bin"))
            ? " It has pytorch_model.bin: re-save it with save_pretrained(..., safe_serialization=True)."
            : "";
        throw new FileNotFoundException($"{directory}: no {WeightsFile} or {IndexFile}; is this a model directory?{hint}", single);
    }

    /// <summary>Whether the checkpoint holds <paramref name="name"/>.</summary>
    public bool Contains(string name) => _shardOf.ContainsKey(name);

    /// <summary>The tensor's dtype, shape and place.</summary>
    public SafetensorsTensorInfo GetInfo(string name) => FileOf(name).GetInfo(name);

    /// <summary>Reads a tensor converted to float32 into <paramref name="destination"/>.</summary>
    public void ReadInto(string name, Span<float> destination) => FileOf(name).ReadInto(name, destination);

    /// <summary>Reads a tensor converted to float32.</summary>
    public float[] ReadFloats(string name) => FileOf(name).ReadFloats(name);

    /// <summary>The metadata of the first file (single-file checkpoints keep the config there).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _shardOf.Count == 0
        ? new Dictionary<string, string>()
        : FileOf(_shardOf.Keys.Min(StringComparer.Ordinal)!).Metadata;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var f in _open.Values)
            f.Dispose();
        _open.Clear();
    }

    private SafetensorsFile FileOf(string name)
    {
        if (!_shardOf.TryGetValue(name, out string? shard))
            throw new KeyNotFoundException($"{_directory}: the checkpoint has no tensor named '{name}'.");
        if (!_open.TryGetValue(shard, out var file))
        {
            file = SafetensorsFile.Open(Path.Combine(_directory, shard));
            _open[shard] = file;
            if (!file.Contains(name))
                throw new InvalidDataException($"{Path.Combine(_directory, IndexFile)}: weight_map puts '{name}' in {shard}, which does not contain it.");
        }
        return file;
    }

    private static Dictionary<string, string> ReadIndex(string index, string directory)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(index));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{index}: missing 'weight_map' object.");
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in map.EnumerateObject())
            {
                string? shard = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                if (string.IsNullOrEmpty(shard) || shard.Contains('/') || shard.Contains('\\') || shard.Contains(".."))
                    throw new InvalidDataException($"{index}: weight_map['{p.Name}'] must be a file name in {directory}.");
                result[p.Name] = shard;
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{index}: not valid JSON ({ex.Message}).", ex);
        }
    }
}
