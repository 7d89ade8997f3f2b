using System.Text.Json;
using Sift.Tests.IO;

namespace Sift.Tests.Text.Chat;

/// <summary>The committed chat-template fixtures and the real tokenizer configs in ../shared/tokenizers.</summary>
internal static class ChatTestData
{
    public static string FixtureDir => Path.Combine(IoTestPaths.RepoRoot(), "tests", "Sift.Tests", "Text", "Chat", "Fixtures");

    public static readonly Lazy<JsonDocument> ChatTemplates = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, "chat_templates.json"))));

    public static readonly Lazy<JsonDocument> JinjaCases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, "jinja_cases.json"))));

    /// <summary>
    /// A file of the shared real tokenizers (e.g. "tokenizers/qwen3/tokenizer_config.json"), which sit
    /// beside the repository in ../shared and are never copied into it; skips the test when absent.
    /// </summary>
    public static string SharedFile(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(IoTestPaths.RepoRoot(), "..", "shared", relative));
        Skip.IfNot(File.Exists(path), $"{relative} not found: the real tokenizers are not in ../shared/tokenizers beside the repository (see ../shared/tokenizers/README.md)");
        return path;
    }
}
