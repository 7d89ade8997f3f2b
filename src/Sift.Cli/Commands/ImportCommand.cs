using System.CommandLine;
using Sift.IO.Gguf;
using Sift.Model.Checkpoints;
using Sift.Text;

namespace Sift.Cli.Commands;

/// <summary>`sift import gguf FILE --out DIR`: a llama.cpp GGUF model as a Hugging Face model directory (docs/gguf.md).</summary>
public sealed class ImportCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("import", "Turn another format's model into a Hugging Face model directory Sift trains and serves.");
        command.Subcommands.Add(BuildGguf());
        return command;
    }

    private static Command BuildGguf()
    {
        var file = new Argument<string>("file") { Description = "The GGUF file (general.architecture llama; F32, F16, BF16 or Q8_0 tensors)." };
        var output = new Option<string>("--out") { Description = "Model directory to write (config.json, model.safetensors, generation_config.json, tokenizer.json); replaced atomically.", Required = true };
        var command = new Command("gguf", "Import a GGUF model: config.json from the llama.* metadata, HF-named safetensors (q/k rows permuted for rotate_half), tokenizer.json from the tokenizer.ggml.* metadata.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            string path = parse.GetValue(file)!, dir = parse.GetValue(output)!;
            try
            {
                var gguf = GgufFile.Open(path);
                string? tokenizer = gguf.Get(GgufTokenizerKeys.Model) is null ? null : GgufTokenizerConverter.ToTokenizerJson(gguf);
                using var model = GgufImporter.Load(gguf);
                ModelDirectory.Save(dir, model, tokenizer);
                // The chat template, where the GGUF has one, goes where transformers looks for it.
                if (tokenizer is not null && GgufTokenizerConverter.ToTokenizerConfigJson(gguf) is { } tokenizerConfig)
                    Sift.IO.AtomicFile.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), tokenizerConfig);
                var c = model.Config;
                Console.WriteLine($"{dir}: llama, {c.NumHiddenLayers} layers, hidden {c.HiddenSize}, {c.NumAttentionHeads}/{c.NumKeyValueHeads} heads, vocab {c.VocabSize}, {model.StorageDtype}"
                    + (tokenizer is null ? "; no tokenizer in the GGUF metadata (add tokenizer.json from the original model)" : "; tokenizer.json from the GGUF metadata"));
                return 0;
            }
            catch (NotSupportedException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }));
        return command;
    }
}
