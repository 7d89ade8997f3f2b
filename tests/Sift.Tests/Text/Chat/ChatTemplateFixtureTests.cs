using System.Text.Json;
using Sift.Text.Chat;

namespace Sift.Tests.Text.Chat;

/// <summary>
/// Real chat templates (Llama 3.1 and Qwen3 from ../shared/tokenizers; Gemma 3 and DeepSeek V3 from
/// npm; Zephyr-, Mistral-, SmolLM2-, Llama 3.2- and Llama 3.1-tools-style ones written for the fixture) over a set of
/// conversations. The expected strings come from @huggingface/jinja (make_chat_template_fixture.js)
/// and are confirmed by Python's Jinja2 set up as transformers does (check_chat_template_fixture.py):
/// Sift's rendering must be byte-identical, including the errors templates raise.
/// </summary>
public sealed class ChatTemplateFixtureTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ChatTestData.ChatTemplates.Value.RootElement.GetProperty("cases").EnumerateArray())
            data.Add(c.GetProperty("template").GetString()!, c.GetProperty("name").GetString()!);
        return data;
    }

    private static TokenizerConfig Config(string template)
    {
        var t = ChatTestData.ChatTemplates.Value.RootElement.GetProperty("templates").GetProperty(template);
        if (t.TryGetProperty("shared", out var shared)) return TokenizerConfig.Load(ChatTestData.SharedFile(shared.GetString()!));
        return TokenizerConfig.Parse(t.GetProperty("config").GetRawText(), $"chat_templates.json:{template}");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Renders_byte_identically(string template, string name)
    {
        var c = ChatTestData.ChatTemplates.Value.RootElement.GetProperty("cases").EnumerateArray()
            .Single(x => x.GetProperty("template").GetString() == template && x.GetProperty("name").GetString() == name);
        var chat = Config(template).ChatTemplate(c.TryGetProperty("chat_template_name", out var n) ? n.GetString() : null);
        var messages = c.GetProperty("messages").EnumerateArray().Select(JinjaJson.FromJson).ToArray();
        var variables = c.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => JinjaJson.FromJson(p.Value));
        var tools = c.TryGetProperty("tools", out var t) ? t.EnumerateArray().Select(JinjaJson.FromJson).ToArray() : null;
        var options = new ChatTemplateOptions { AddGenerationPrompt = c.GetProperty("add_generation_prompt").GetBoolean(), Variables = variables, Tools = tools };
        if (c.TryGetProperty("error", out var error))
        {
            var e = Assert.Throws<JinjaException>(() => chat.ApplyValues(messages, options));
            Assert.True(e.RaisedByTemplate, e.Message);
            Assert.Equal(error.GetString(), e.Reason);
            return;
        }
        var expected = c.GetProperty("expected").GetString()!;
        var got = chat.ApplyValues(messages, options);
        Assert.True(expected == got, $"{template} {name}:\n want {JsonSerializer.Serialize(expected)}\n got  {JsonSerializer.Serialize(got)}");
    }

    [Fact]
    public void The_fixture_covers_every_template_with_and_without_the_generation_prompt()
    {
        var root = ChatTestData.ChatTemplates.Value.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray().ToArray();
        foreach (var t in root.GetProperty("templates").EnumerateObject())
        {
            Assert.Contains(cases, c => c.GetProperty("template").GetString() == t.Name && c.GetProperty("add_generation_prompt").GetBoolean());
            Assert.Contains(cases, c => c.GetProperty("template").GetString() == t.Name && !c.GetProperty("add_generation_prompt").GetBoolean());
        }
        Assert.True(cases.Length >= 150, $"only {cases.Length} cases");
    }
}
