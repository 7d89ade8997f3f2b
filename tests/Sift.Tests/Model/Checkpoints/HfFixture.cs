using Sift.IO;

namespace Sift.Tests.Model.Checkpoints;

/// <summary>
/// One case written by tests/reference/make_hf_models.py: a tiny Hugging Face model directory
/// (tests/Sift.Tests/Model/Fixtures/hf/&lt;name&gt;) and its reference.safetensors (input_ids [S, T],
/// logits [S, T, V], greedy_prompt, greedy: the plain-PyTorch reference's outputs).
/// </summary>
internal sealed class HfFixture
{
    public static readonly string[] Names = ["llama", "llama3_rope", "mistral", "qwen2", "qwen3", "smollm2", "gpt2"];

    private HfFixture(string name)
    {
        Name = name;
        Directory = Path.Combine(SharedData.RepositoryRoot() ?? throw new DirectoryNotFoundException("Sift.sln not found"), "tests", "Sift.Tests", "Model", "Fixtures", "hf", name);
        using var reference = SafetensorsFile.Open(Path.Combine(Directory, "reference.safetensors"));
        var ids = reference.GetInfo("input_ids");
        Sequences = checked((int)ids.Shape[0]);
        Length = checked((int)ids.Shape[1]);
        InputIds = Array.ConvertAll(reference.ReadFloats("input_ids"), x => checked((int)x));
        Logits = reference.ReadFloats("logits");
        GreedyPrompt = Array.ConvertAll(reference.ReadFloats("greedy_prompt"), x => checked((int)x));
        Greedy = Array.ConvertAll(reference.ReadFloats("greedy"), x => checked((int)x));
        if (reference.Contains("loss"))
        {
            Targets = Array.ConvertAll(reference.ReadFloats("targets"), x => checked((int)x));
            Weights = reference.ReadFloats("weights");
            Loss = reference.ReadFloats("loss")[0];
            foreach (var t in reference.Tensors.Where(t => t.Name.StartsWith("grad.", StringComparison.Ordinal)))
            {
                Gradients[t.Name["grad.".Length..]] = reference.ReadFloats(t.Name);
            }
        }
    }

    /// <summary>Cases whose reference also holds a loss and every parameter's gradient.</summary>
    public static readonly string[] WithGradients = ["llama", "llama3_rope", "qwen3"];

    public int[] Targets { get; } = [];
    public float[] Weights { get; } = [];
    public float Loss { get; }

    /// <summary>Reference gradient of each parameter (by its Hugging Face name).</summary>
    public Dictionary<string, float[]> Gradients { get; } = new(StringComparer.Ordinal);

    public string Name { get; }
    public string Directory { get; }
    public int Sequences { get; }
    public int Length { get; }
    public int[] InputIds { get; }
    public float[] Logits { get; }
    public int[] GreedyPrompt { get; }
    public int[] Greedy { get; }

    public static HfFixture Load(string name) => new(name);

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });
}
