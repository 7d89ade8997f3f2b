using System.Text;
using BenchmarkDotNet.Attributes;
using Sift.Text;

namespace Sift.Bench.Text;

/// <summary>
/// BPE throughput on real GSM8K train text (../shared/data or $SIFT_SHARED_DATA): training a 2048-id
/// vocabulary and encoding every document (MB/s = <see cref="Bytes"/> / mean time). Moved here from the unit
/// tests, where a wall-clock bound is flaky on a shared machine.
/// Run: dotnet run -c Release --project bench/Sift.Bench -- --filter *TokenizerBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private List<string> _docs = [];
    private BpeTokenizer _tokenizer = null!;
    private readonly List<int> _ids = [];

    /// <summary>UTF-8 bytes of the corpus, printed at setup to turn times into MB/s.</summary>
    public long Bytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        const string relative = "gsm8k/train.jsonl";
        var train = Sift.IO.SharedData.DataFile(relative) ?? throw new FileNotFoundException(Sift.IO.SharedData.MissingMessage(relative));
        _docs = Sift.IO.JsonlReader.ReadAll(train).Select(r => (string)r.Object["question"]! + "\n" + (string)r.Object["answer"]!).ToList();
        Bytes = _docs.Sum(d => (long)Encoding.UTF8.GetByteCount(d));
        _tokenizer = BpeTokenizer.FromJson(BpeTrainer.Train(_docs, 2048).ToJson(), "bench");
        Console.WriteLine($"// GSM8K train: {_docs.Count} docs, {Bytes / 1e6:F2} MB");
    }

    [Benchmark(Description = "BPE train to 2048 ids on GSM8K train")]
    public int Train() => BpeTrainer.Train(_docs, 2048).VocabSize;

    [Benchmark(Description = "BPE encode GSM8K train")]
    public long Encode()
    {
        long tokens = 0;
        foreach (var d in _docs)
        {
            _ids.Clear();
            _tokenizer.Encode(d, _ids);
            tokens += _ids.Count;
        }
        return tokens;
    }
}
