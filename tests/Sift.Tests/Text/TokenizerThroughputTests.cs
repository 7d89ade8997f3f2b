using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Sift.Tests.IO;
using Sift.Text;
using Xunit.Abstractions;

namespace Sift.Tests.Text;

/// <summary>
/// Trains and encodes on real GSM8K text (../shared/data; skipped when absent) and reports the speed.
/// The bounds are loose (the machine is shared); the printed figures are the measurement:
/// dotnet test tests/Sift.Tests -c Release --filter "FullyQualifiedName~TokenizerThroughput" --logger "console;verbosity=detailed"
/// </summary>
public sealed class TokenizerThroughputTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Trains_2k_vocab_and_encodes_gsm8k_quickly()
    {
        string relative = Path.Combine("gsm8k", "train.jsonl");
        string train = Sift.Tests.Support.Requires.SharedDataFile(relative);
        var docs = new List<string>();
        foreach (var rec in Sift.IO.JsonlReader.ReadAll(train))
            docs.Add((string)rec.Object["question"]! + "\n" + (string)rec.Object["answer"]!);
        long bytes = docs.Sum(d => (long)Encoding.UTF8.GetByteCount(d));

        var sw = Stopwatch.StartNew();
        var tok = BpeTrainer.Train(docs, 2048);
        double trainS = sw.Elapsed.TotalSeconds;
        Assert.Equal(2048, tok.VocabSize);

        var fresh = BpeTokenizer.FromJson(tok.ToJson(), "roundtrip");
        var ids = new List<int>();
        long tokens = 0;
        sw.Restart();
        foreach (string d in docs)
        {
            ids.Clear();
            fresh.Encode(d, ids);
            tokens += ids.Count;
        }
        double encodeS = sw.Elapsed.TotalSeconds;
        double mbPerS = bytes / 1e6 / encodeS;
        output.WriteLine($"GSM8K train: {bytes / 1e6:F2} MB, {docs.Count} docs; BPE train to 2048 ids: {trainS:F2} s; " +
            $"encode (cold cache): {mbPerS:F1} MB/s, {tokens} tokens, {(double)bytes / tokens:F2} bytes/token");

        foreach (string d in docs.Take(300))
            Assert.Equal(d, fresh.Decode(fresh.Encode(d)));
        Assert.True(trainS < 60, $"training took {trainS:F1} s");
        Assert.True(mbPerS > 0.25, $"encoding ran at {mbPerS:F2} MB/s");
    }
}
