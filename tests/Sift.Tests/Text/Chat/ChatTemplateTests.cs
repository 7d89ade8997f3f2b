using Sift.Text.Chat;

namespace Sift.Tests.Text.Chat;

public sealed class ChatTemplateTests
{
    private const string ChatMl = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    [Fact]
    public void The_template_sees_messages_generation_flag_tokens_tools_and_extra_variables()
    {
        var t = ChatTemplate.Parse("{{ bos_token }}|{{ messages | length }}|{{ add_generation_prompt }}|{{ tools is none }}|{{ documents is none }}|{{ flag }}|{{ eos_token }}",
            new Dictionary<string, string> { ["bos_token"] = "<s>", ["eos_token"] = "</s>" });
        var options = new ChatTemplateOptions { AddGenerationPrompt = true, Variables = new Dictionary<string, JinjaValue> { ["flag"] = JinjaValue.From(3L), ["eos_token"] = JinjaValue.From("E") } };
        Assert.Equal("<s>|2|True|True|True|3|E", t.Apply([ChatMessage.System("s"), ChatMessage.User("u")], options));
    }

    [Fact]
    public void Continue_final_message_cuts_after_the_last_messages_content()
    {
        var t = ChatTemplate.Parse(ChatMl);
        var options = new ChatTemplateOptions { ContinueFinalMessage = true };
        Assert.Equal("<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\nThe answer is",
            t.Apply([ChatMessage.User("Q"), ChatMessage.Assistant("The answer is")], options));
        // Trailing whitespace the template trims is not restored (transformers' rule).
        var trimming = ChatTemplate.Parse("{% for m in messages %}[{{ m.content | trim }}]{% endfor %}");
        Assert.Equal("[Q][A", trimming.Apply([ChatMessage.User("Q"), ChatMessage.Assistant("A  ")], options));
        Assert.Throws<ArgumentException>(() => t.Apply([ChatMessage.User("Q")], options with { AddGenerationPrompt = true }));
        Assert.Throws<InvalidOperationException>(() => ChatTemplate.Parse("x").Apply([ChatMessage.User("Q")], options));
    }

    [Fact]
    public void Messages_can_carry_more_fields_than_role_and_content()
    {
        var t = ChatTemplate.Parse("{% for m in messages %}{{ m.role }}:{{ m.reasoning_content | default('-') }};{% endfor %}");
        var m = JinjaJson.Parse("""[{"role": "assistant", "content": "x", "reasoning_content": "why"}, {"role": "user", "content": "y"}]""");
        Assert.Equal("assistant:why;user:-;", t.ApplyValues(m.AsList));
    }

    [Fact]
    public void Strftime_now_formats_the_given_clock()
    {
        var t = ChatTemplate.Parse("{{ strftime_now('%d %b %Y') }}");
        Assert.Equal("04 Dec 2026", t.Apply([], new ChatTemplateOptions { Now = new DateTime(2026, 12, 4) }));
    }
}
