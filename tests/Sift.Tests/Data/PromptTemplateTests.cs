using Sift.Data;

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
}
