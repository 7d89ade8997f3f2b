using System.CommandLine;
using Sift.IO.Gguf;
using Sift.Model.Checkpoints;
using Sift.Text;

namespace Sift.Cli.Commands;

/// <summary>`sift export gguf DIR --out FILE`: a Hugging Face Llama model directory as a GGUF v3 file for llama.cpp and Ollama (docs/gguf.md).</summary>
public sealed class ExportCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("export", "Write a model directory in another format, for other serving stacks.");
        command.Subcommands.Add(BuildGguf());
        return command;
    }

    private static Command BuildGguf()
    {
        var dir = new Argument<string>("dir") { Description = "Model directory (config.json with model_type llama, model.safetensors or shards, tokenizer.json)." };
        var output = new Option<string>("--out") { Description = "GGUF file to write (atomically).", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "Storage type of the matrices: auto (the dtype the model is stored in, so nothing is rounded), F32, F16, BF16 or Q8_0 (norms stay F32; Q8_0 rows not a multiple of 32 go F16).", DefaultValueFactory = _ => "auto" };
        var noTokenizer = new Option<bool>("--no-tokenizer") { Description = "Write no tokenizer metadata (llama.cpp then needs one from elsewhere)." };
        var command = new Command("gguf", "Export a llama model as GGUF v3: llama.* metadata, llama.cpp tensor names (q/k rows back in interleaved RoPE order), tokenizer.ggml.* from a SentencePiece-style tokenizer.json.");
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { output, dtype, noTokenizer }) command.Options.Add(o);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            string directory = parse.GetValue(dir)!, path = parse.GetValue(output)!, type = parse.GetValue(dtype)!.ToUpperInvariant();
            if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: model directory not found");
            if (type == "AUTO") type = StoredType(directory);
            var tensorType = type switch
            {
                "F32" => GgufTensorType.F32,
                "F16" => GgufTensorType.F16,
                "BF16" => GgufTensorType.BF16,
                "Q8_0" => GgufTensorType.Q8_0,
                _ => throw new ArgumentException($"--dtype {parse.GetValue(dtype)}: give auto, F32, F16, BF16 or Q8_0"),
            };
            try
            {
                string tokenizerPath = Path.Combine(directory, ModelDirectory.TokenizerFile);
                var tokenizer = parse.GetValue(noTokenizer) ? []
                    : File.Exists(tokenizerPath) ? GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(tokenizerPath), tokenizerPath)
                    : throw new FileNotFoundException($"{tokenizerPath}: missing; llama.cpp needs the tokenizer in the GGUF (or pass --no-tokenizer)", tokenizerPath);
                // llama.cpp and Ollama read the chat template from tokenizer.chat_template.
                string configPath = Path.Combine(directory, "tokenizer_config.json");
                if (tokenizer.Count > 0 && File.Exists(configPath)
                    && Sift.Text.Chat.TokenizerConfig.Load(configPath).ChatTemplates.TryGetValue("default", out var template))
                    tokenizer.Add(new(GgufTokenizerKeys.ChatTemplate, GgufValue.Of(template)));
                GgufExporter.Export(directory, path, tensorType, tokenizer);
                Console.WriteLine($"{path}: GGUF v3, llama, {type}, {new FileInfo(path).Length:N0} bytes");
                return 0;
            }
            catch (NotSupportedException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }));
        return command;
    }

    /// <summary>The GGUF type matching the weights' stored dtype (F32, F16 or BF16), so a default export loses nothing.</summary>
    private static string StoredType(string directory)
    {
        using var model = ModelDirectory.Load(directory);
        return model.StorageDtype switch
        {
            Sift.IO.SafetensorsDtype.F16 => "F16",
            Sift.IO.SafetensorsDtype.BF16 => "BF16",
            _ => "F32",
        };
    }
}
