using Sift.IO;
using Sift.IO.Gguf;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Model.Generation;
using Sift.Model.Sampling;

namespace Sift.Tests.Model.Checkpoints;

/// <summary>Export a random llama model to GGUF and import it back: names, q/k order, dtypes, config, and the same greedy continuation.</summary>
public sealed class GgufImportExportTests
{
    private static ModelConfig Config() => new ModelShape { Hidden = 32, Layers = 2, Heads = 4, KeyValueHeads = 2, Intermediate = 48, Context = 64 }
        .ToConfig(vocab: 40, bosId: 1, eosId: 2) with { TieWordEmbeddings = false };

    private static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", "gguf-m-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void An_f32_export_imports_back_to_bit_identical_weights_and_the_same_config()
    {
        using var model = TransformerModel.Create(Config(), 11);
        var path = Temp("m.gguf");
        GgufExporter.Export(model, path, GgufTensorType.F32, []);
        var file = GgufFile.Open(path);
        Assert.Equal("llama", file.GetString("general.architecture"));
        Assert.Equal(2, file.GetInteger("llama.block_count"));
        Assert.Equal(2, file.GetInteger("llama.attention.head_count_kv"));
        Assert.Equal([32L, 40L], file.GetInfo("output.weight").Dimensions); // ne: [in, out]
        Assert.Equal(GgufTensorType.F32, file.GetInfo("blk.1.ffn_norm.weight").Type);
        // q rows are back in interleaved order: GGUF row 1 is HF row D/2 = 4 of head 0.
        var q = model.Parameter("model.layers.0.self_attn.q_proj.weight").ToArray();
        var gq = file.ReadFloats("blk.0.attn_q.weight");
        Assert.Equal(q.AsSpan(4 * 32, 32).ToArray(), gq.AsSpan(1 * 32, 32).ToArray());
        using var back = GgufImporter.Load(file);
        Assert.Equal(model.Weights.Span.ToArray(), back.Weights.Span.ToArray());
        Assert.Equal(model.Config.ToJson(), (back.Config with { Generation = null }).ToJson());
        var dir = Temp("dir");
        ModelDirectory.Save(dir, back);
        using var loaded = ModelDirectory.Load(dir);
        Assert.Equal(model.Weights.Span.ToArray(), loaded.Weights.Span.ToArray());
    }

    [Fact]
    public void F16_and_bf16_exports_keep_norms_f32_and_import_as_that_dtype()
    {
        using var model = TransformerModel.Create(Config(), 12);
        foreach (var (type, dtype) in new[] { (GgufTensorType.F16, SafetensorsDtype.F16), (GgufTensorType.BF16, SafetensorsDtype.BF16) })
        {
            var path = Temp("m.gguf");
            GgufExporter.Export(model, path, type, []);
            var file = GgufFile.Open(path);
            Assert.Equal(type, file.GetInfo("token_embd.weight").Type);
            Assert.Equal(GgufTensorType.F32, file.GetInfo("output_norm.weight").Type);
            using var back = GgufImporter.Load(file);
            var embed = model.Parameter("model.embed_tokens.weight").ToArray();
            var got = back.Parameter("model.embed_tokens.weight").ToArray();
            for (int i = 0; i < embed.Length; i++)
            {
                float expected = type == GgufTensorType.F16 ? (float)(Half)embed[i] : BitConverter.UInt32BitsToSingle((uint)SafetensorsWriter.ToBFloat16(embed[i]) << 16);
                Assert.Equal(expected, got[i]);
            }
            // The matrices' dtype is kept (the norms stay exact: ModelDirectory falls back to F32 if they are off its grid).
            Assert.Equal(dtype, back.StorageDtype);
            Assert.Equal(model.Parameter("model.norm.weight").ToArray(), back.Parameter("model.norm.weight").ToArray());
        }
    }

    [Fact]
    public void A_q8_0_export_imports_dequantised_as_f32_with_rows_off_the_block_grid_in_f16()
    {
        using var model = TransformerModel.Create(Config(), 15);
        var path = Temp("q8.gguf");
        GgufExporter.Export(model, path, GgufTensorType.Q8_0, []);
        var file = GgufFile.Open(path);
        Assert.Equal(GgufTensorType.Q8_0, file.GetInfo("blk.0.attn_q.weight").Type);
        Assert.Equal(GgufTensorType.F16, file.GetInfo("blk.0.ffn_down.weight").Type); // rows of 48: not whole blocks of 32
        Assert.Equal(7, file.GetInteger("general.file_type"));
        using var back = GgufImporter.Load(file);
        Assert.Equal(SafetensorsDtype.F32, back.StorageDtype);
        var up = model.Parameter("model.layers.0.mlp.up_proj.weight").ToArray();
        var expected = GgufFile.Open(path).ReadFloats("blk.0.ffn_up.weight");
        Assert.Equal(expected, back.Parameter("model.layers.0.mlp.up_proj.weight").ToArray());
        Assert.True(up.Zip(expected).All(p => MathF.Abs(p.First - p.Second) <= 0.01f));
        var q = model.Parameter("model.layers.0.self_attn.q_proj.weight").ToArray();
        Assert.True(q.Zip(back.Parameter("model.layers.0.self_attn.q_proj.weight").ToArray()).All(p => MathF.Abs(p.First - p.Second) <= 0.01f));
    }

    [Fact]
    public void Tied_embeddings_export_without_output_weight_and_import_tied()
    {
        using var model = TransformerModel.Create(Config() with { TieWordEmbeddings = true }, 16);
        var path = Temp("tied.gguf");
        GgufExporter.Export(model, path, GgufTensorType.F32, []);
        var file = GgufFile.Open(path);
        Assert.False(file.Contains("output.weight"));
        using var back = GgufImporter.Load(file);
        Assert.True(back.Config.TieWordEmbeddings);
        Assert.Equal(model.Weights.Span.ToArray(), back.Weights.Span.ToArray());
    }

    [Fact]
    public void The_imported_model_continues_a_prompt_as_the_original()
    {
        using var model = TransformerModel.Create(Config(), 13);
        var path = Temp("m.gguf");
        GgufExporter.Export(model, path, GgufTensorType.F32, []);
        using var back = GgufImporter.Load(GgufFile.Open(path));
        var options = new SamplingOptions { Temperature = 0, MaxNewTokens = 12 };
        int[] prompt = [1, 5, 9, 20];
        using var g1 = new TextGenerator(model, 1, 32);
        using var g2 = new TextGenerator(back, 1, 32);
        Assert.Equal(g1.Generate([prompt], options)[0].Tokens, g2.Generate([prompt], options)[0].Tokens);
    }

    [Fact]
    public void Import_refuses_other_architectures_and_missing_tensors_naming_the_file()
    {
        var path = Temp("qwen.gguf");
        new GgufWriter().Add("general.architecture", GgufValue.Of("qwen2")).Save(path);
        var e = Assert.Throws<NotSupportedException>(() => GgufImporter.ReadConfig(GgufFile.Open(path)));
        Assert.Contains(path + ": general.architecture is \"qwen2\"", e.Message);
        using var model = TransformerModel.Create(Config(), 14);
        var full = Temp("full.gguf");
        GgufExporter.Export(model, full, GgufTensorType.F32, []);
        var file = GgufFile.Open(full);
        var w = new GgufWriter();
        foreach (var (k, v) in file.MetadataList) w.Add(k, v);
        foreach (var t in file.Tensors.Where(t => t.Name != "blk.1.ffn_up.weight")) w.AddTensor(t.Name, t.Shape, file.ReadFloats(t.Name));
        var partial = Temp("partial.gguf");
        w.Save(partial);
        var m = Assert.Throws<InvalidDataException>(() => GgufImporter.Load(GgufFile.Open(partial)));
        Assert.Contains(partial + ": tensor 'blk.1.ffn_up.weight' is missing", m.Message);
        var noMeta = Temp("nometa.gguf");
        new GgufWriter().Add("general.architecture", GgufValue.Of("llama")).Save(noMeta);
        Assert.Contains("metadata 'llama.embedding_length' is missing", Assert.Throws<InvalidDataException>(() => GgufImporter.ReadConfig(GgufFile.Open(noMeta))).Message);
    }
}
