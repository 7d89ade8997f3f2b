using Sift.Tests.Support;
using Sift.Text;

namespace Sift.Tests.Text;

/// <summary>
/// Trains and encodes on real GSM8K text (../shared/data; reported as skipped when absent). The speed is
/// measured by bench/Sift.Bench (TokenizerBenchmarks), not here: a wall-clock bound is flaky on a shared machine.
/// </summary>
public sealed class TokenizerGsm8kTests
{
    [SkippableFact]
    public void Trains_a_2k_vocab_on_gsm8k_and_round_trips_its_documents()
    {
        string train = Requires.SharedDataFile(Path.Combine("gsm8k", "train.jsonl"));
        var docs = new List<string>();
        foreach (var rec in Sift.IO.JsonlReader.ReadAll(train))
            docs.Add((string)rec.Object["question"]! + "\n" + (string)rec.Object["answer"]!);
        Assert.Equal(7473, docs.Count);

        var tok = BpeTrainer.Train(docs, 2048);
        Assert.Equal(2048, tok.VocabSize);
        var fresh = BpeTokenizer.FromJson(tok.ToJson(), "roundtrip");
        var ids = new List<int>();
        long tokens = 0, chars = 0;
        foreach (string d in docs)
        {
            ids.Clear();
            fresh.Encode(d, ids);
            tokens += ids.Count;
            chars += d.Length;
        }
        // Merges learnt on this very text must compress it: well under one token per character.
        Assert.True(tokens < chars / 2, $"{tokens} tokens for {chars} characters");
        foreach (string d in docs.Take(300))
            Assert.Equal(d, fresh.Decode(fresh.Encode(d)));
    }
}
