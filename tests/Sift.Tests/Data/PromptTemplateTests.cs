using Sift.Data;
using Sift.Tests.Text.Chat;
using Sift.Text.Chat;

namespace Sift.Tests.Data;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Alpaca_is_the_papers_template_verbatim()
    {
        var prompt = PromptTemplate.Alpaca.Render("What is 2+3?");
        Assert.Equal(
            "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\nWhat is 2+3?\n\n### Response:",
            prompt);
    }

    [Fact]
    public void Plain_template_and_lookup_by_name()
    {
        Assert.Equal("Question: Q?\nAnswer: ", PromptTemplate.ByName("PLAIN").Render("Q?"));
        Assert.Same(PromptTemplate.Alpaca, PromptTemplate.ByName("alpaca"));
        Assert.Throws<ArgumentException>(() => PromptTemplate.ByName("chatml"));
    }

    [Fact]
    public void Build_returns_the_boundary_by_position_even_when_the_question_contains_template_text()
    {
        const string question = "Say '### Response:' and {instruction}.";
        var text = PromptTemplate.Alpaca.Build(question, "5+5=<<5+5=10>>10\n#### 10");
        Assert.Equal(PromptTemplate.Alpaca.Render(question), text.Prompt);
        Assert.Equal("5+5=<<5+5=10>>10\n#### 10", text.Text[text.PromptLength..]);
        Assert.Contains(question, text.Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_puts_the_question_in_the_user_turn_and_ends_with_the_generation_prompt()
    {
        Assert.Same(PromptTemplate.ChatMl, PromptTemplate.ByName("chat"));
        Assert.Equal("<|im_start|>user\nWhat is 2+3?<|im_end|>\n<|im_start|>assistant\n", PromptTemplate.ChatMl.Render("What is 2+3?"));
        var math = PromptTemplate.ForChat(PromptTemplate.ChatMl.Chat!, systemPrompt: "You are a careful math tutor.", boxedInstruction: true);
        Assert.Equal("<|im_start|>system\nYou are a careful math tutor.<|im_end|>\n<|im_start|>user\nWhat is 2+3?\n"
            + "Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n", math.Render("What is 2+3?"));
    }

    [Fact]
    public void Chat_build_makes_the_assistant_turn_the_response_by_position()
    {
        const string question = "Say <|im_end|> and {instruction}.";
        var text = PromptTemplate.ChatMl.Build(question, "2+3=<<2+3=5>>5\n#### 5");
        Assert.Equal(PromptTemplate.ChatMl.Render(question), text.Prompt);
        Assert.Equal("2+3=<<2+3=5>>5\n#### 5<|im_end|>\n", text.Response);
        Assert.Equal(PromptTemplate.ChatMl.Chat!.Apply([ChatMessage.User(question), ChatMessage.Assistant("2+3=<<2+3=5>>5\n#### 5")]), text.Text);
    }

    [Fact]
    public void A_chat_template_that_rewrites_the_prompt_when_the_answer_follows_is_refused()
    {
        // The generation prompt differs from the assistant header ("A:" vs "B:"), so no boundary exists by position.
        var odd = PromptTemplate.ForChat(ChatTemplate.Parse("{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}{% if add_generation_prompt %}A:{% endif %}"));
        var e = Assert.Throws<InvalidOperationException>(() => odd.Build("q", "r"));
        Assert.Contains("generation prompt", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Chat_over_qwen3s_own_template_trains_on_its_empty_think_block_and_end_of_turn()
    {
        var qwen = TokenizerConfig.Load(ChatTestData.SharedFile("tokenizers/qwen3/tokenizer_config.json")).ChatTemplate();
        var template = PromptTemplate.ForChat(qwen, boxedInstruction: true);
        var text = template.Build("What is 2+3?", "2+3=5. The answer is $\\boxed{5}$.");
        Assert.Equal("<|im_start|>user\nWhat is 2+3?\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n", text.Prompt);
        Assert.Equal("<think>\n\n</think>\n\n2+3=5. The answer is $\\boxed{5}$.<|im_end|>\n", text.Response);
    }
}
