using System.Text.Json.Nodes;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class PostProcessorTests
{
    private static BpeTokenizer With(JsonNode? postProcessor) =>
        HuggingFacePretrainedTests.Build("sp_tiny", new JsonObject { ["post_processor"] = postProcessor });

    [Fact]
    public void Template_processing_adds_bos_and_eos_around_the_sequence()
    {
        var template = JsonNode.Parse("""
            {"type": "Sequence", "processors": [
              {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
              {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
               "pair": [],
               "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}}]}
            """);
        var tok = With(template);
        int[] ids = tok.Encode("hi there");
        Assert.Equal([1, .. ids, 2], tok.PostProcess(ids));
        var roberta = With(JsonNode.Parse("""{"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 1], "trim_offsets": true, "add_prefix_space": false}"""));
        Assert.Equal([1, .. ids, 2], roberta.PostProcess(ids));
        Assert.Equal(ids, With(null).PostProcess(ids));
    }

    [Fact]
    public void An_unsupported_post_processor_loads_but_refuses_to_add_tokens()
    {
        var tok = With(new JsonObject { ["type"] = "Fancy" });
        int[] ids = tok.Encode("hi");
        var ex = Assert.Throws<InvalidDataException>(() => tok.PostProcess(ids));
        Assert.Contains("sp_tiny+patch: post_processor.type \"Fancy\" is not supported", ex.Message);
        Assert.Contains("\"Fancy\"", tok.ToJson());
    }
}
