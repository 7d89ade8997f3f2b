using System.Text.Json.Nodes;
using Sift.Tests.Data;
using Sift.Tests.Text;
using Sift.Text;

namespace Sift.Tests.Cli.Commands;

public sealed class TokenizeCommandTests
{
    private static string SiftTokenizer => SharedTokenizers.Fixture("sift_gsm8k_1024.tokenizer.json");

    [Fact]
    public void Writes_one_ids_line_per_text_in_order()
    {
        using var dir = new TempDirectory();
        var input = dir.File("texts.jsonl", "{\"text\": \"Natalia sold 48 clips.\"}\n\n{\"text\": \"<|eos|> twice <|eos|>\", \"id\": 7}\n{\"text\": \"\"}\n");
        string output = Path.Combine(dir.Path, "out", "ids.jsonl");
        var code = Sift.Cli.CommandCatalog.BuildRoot()
            .Parse(["tokenize", "--tokenizer", SiftTokenizer, "--input", input, "--output", output, "--special"]).Invoke();
        Assert.Equal(0, code);
        var tok = BpeTokenizer.Load(SiftTokenizer);
        var lines = File.ReadAllLines(output);
        Assert.Equal(3, lines.Length);
        string[] texts = ["Natalia sold 48 clips.", "<|eos|> twice <|eos|>", ""];
        for (int i = 0; i < 3; i++)
        {
            int[] ids = JsonNode.Parse(lines[i])!["ids"]!.AsArray().Select(x => (int)x!).ToArray();
            Assert.Equal(tok.Encode(texts[i], allowSpecial: true), ids);
        }
        Assert.Contains(tok.EosId, JsonNode.Parse(lines[1])!["ids"]!.AsArray().Select(x => (int)x!));
    }

    [Fact]
    public void Errors_name_file_line_and_field_and_leave_no_output()
    {
        using var dir = new TempDirectory();
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        string output = Path.Combine(dir.Path, "ids.jsonl");
        var missing = dir.File("missing.jsonl", "{\"text\": \"ok\"}\n{\"body\": \"no text\"}\n");
        var notString = dir.File("number.jsonl", "{\"text\": 12}\n");
        var broken = dir.File("broken.jsonl", "{\"text\": \"ok\"}\n{\"text\": \n");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, root.Parse(["tokenize", "--tokenizer", SiftTokenizer, "--input", missing, "--output", output]).Invoke());
            Assert.Equal(1, root.Parse(["tokenize", "--tokenizer", SiftTokenizer, "--input", notString, "--output", output]).Invoke());
            Assert.Equal(1, root.Parse(["tokenize", "--tokenizer", SiftTokenizer, "--input", broken, "--output", output]).Invoke());
            Assert.Equal(1, root.Parse(["tokenize", "--tokenizer", Path.Combine(dir.Path, "nope.json"), "--input", missing, "--output", output]).Invoke());
        }
        finally
        {
            Console.SetError(saved);
        }
        string messages = error.ToString();
        Assert.Contains($"{missing}:2: field \"text\" is missing", messages);
        Assert.Contains($"{notString}:1: field \"text\" is a number", messages);
        Assert.Contains($"{broken}:2:", messages);
        Assert.Contains("nope.json", messages);
        Assert.False(File.Exists(output));
        var bodies = dir.File("bodies.jsonl", "{\"body\": \"x\"}\n");
        Assert.Equal(0, root.Parse(["tokenize", "--tokenizer", SiftTokenizer, "--input", bodies, "--output", output, "--field", "body"]).Invoke());
        Assert.Single(File.ReadAllLines(output));
    }
}
