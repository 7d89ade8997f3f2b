using Sift.Model;

namespace Sift.Tests.Golden;

/// <summary>The committed golden files are well formed and self-consistent (checked in C#, independently of the Python that wrote them).</summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> Files => new() { "llama_tiny.safetensors", "gpt2_tiny.safetensors" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_parameter_of_the_spec_is_present_with_its_shape_and_gradient(string file)
    {
        var g = GoldenFile.Load(file);
        var c = g.Config;
        var expected = ExpectedShapes(c);
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), g.ParameterNames.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
        {
            Assert.Equal(shape, g.Shape(name));
            Assert.Equal(shape, g.Shape("grad." + name));
        }
        Assert.Equal(new[] { 2, 8 }, g.Shape("input_ids"));
        Assert.Equal(new[] { 2, 8, c.VocabSize }, g.Shape("logits"));
        Assert.Equal(new[] { 5 }, g.Shape("adamw_losses"));
        Assert.Equal(c.Family == ModelFamily.Gpt2, c.TieWordEmbeddings);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Stored_loss_is_the_weighted_cross_entropy_of_the_stored_logits(string file)
    {
        var g = GoldenFile.Load(file);
        int v = g.Config.VocabSize;
        float[] logits = g.Tensor("logits"), weights = g.Tensor("weights");
        int[] targets = g.IntTensor("targets");
        double num = 0, den = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            var row = logits.AsSpan(i * v, v);
            double max = double.NegativeInfinity;
            foreach (float x in row) max = Math.Max(max, x);
            double sum = 0;
            foreach (float x in row) sum += Math.Exp(x - max);
            num += weights[i] * (max + Math.Log(sum) - row[targets[i]]);
            den += weights[i];
        }
        Assert.True(den > 0 && den < targets.Length, "some but not all tokens carry weight");
        Assert.Equal(g.Tensor("loss")[0], num / den, 1e-5);
        Assert.Equal(g.Tensor("loss")[0], g.Tensor("adamw_losses")[0], 1e-6);
    }

    [Fact]
    public void Gradient_comparison_accepts_the_reference_and_rejects_a_perturbation()
    {
        var g = GoldenFile.Gpt2Tiny;
        g.AssertGradientsClose(name => g.Tensor("grad." + name));
        const string victim = "model.layers.1.mlp.up_proj.weight";
        var perturbed = (float[])g.Tensor("grad." + victim).Clone();
        int big = Array.IndexOf(perturbed, perturbed.MaxBy(Math.Abs));
        perturbed[big] *= 1.001f;
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            g.AssertGradientsClose(name => name == victim ? perturbed : g.Tensor("grad." + name)));
    }

    private static Dictionary<string, int[]> ExpectedShapes(ModelConfig c)
    {
        int v = c.VocabSize, h = c.HiddenSize, f = c.IntermediateSize, d = c.HeadDim;
        bool gpt2 = c.Family == ModelFamily.Gpt2;
        var s = new Dictionary<string, int[]> { ["model.embed_tokens.weight"] = [v, h], ["model.norm.weight"] = [h] };
        if (gpt2)
        {
            s["model.embed_positions.weight"] = [c.MaxPositionEmbeddings, h];
            s["model.norm.bias"] = [h];
        }
        if (!c.TieWordEmbeddings) s["lm_head.weight"] = [v, h];
        for (int i = 0; i < c.NumHiddenLayers; i++)
        {
            string p = $"model.layers.{i}.";
            s[p + "input_layernorm.weight"] = [h];
            s[p + "post_attention_layernorm.weight"] = [h];
            s[p + "self_attn.q_proj.weight"] = [c.NumAttentionHeads * d, h];
            s[p + "self_attn.k_proj.weight"] = [c.NumKeyValueHeads * d, h];
            s[p + "self_attn.v_proj.weight"] = [c.NumKeyValueHeads * d, h];
            s[p + "self_attn.o_proj.weight"] = [h, c.NumAttentionHeads * d];
            s[p + "mlp.up_proj.weight"] = [f, h];
            s[p + "mlp.down_proj.weight"] = [h, f];
            if (gpt2)
            {
                foreach (var n in new[] { "input_layernorm", "post_attention_layernorm", "self_attn.k_proj", "self_attn.q_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.down_proj" })
                {
                    s[p + n + ".bias"] = [h];
                }
                s[p + "mlp.up_proj.bias"] = [f];
            }
            else
            {
                s[p + "mlp.gate_proj.weight"] = [f, h];
            }
        }
        return s;
    }
}
