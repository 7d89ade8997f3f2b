using System.CommandLine;
using System.Text.Json;
using Sift.IO;
using Sift.Text;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift tokenize --tokenizer FILE --input texts.jsonl --output ids.jsonl`: encodes one {"text"} per line
/// with a Hugging Face tokenizer.json and writes one {"ids"} per line, in order. The output is written
/// atomically (a bad line leaves no partial file); errors name the file, the line and the field.
/// </summary>
public sealed class TokenizeCommand : ICliCommand
{
    public Command Build()
    {
        var tokenizer = new Option<string>("--tokenizer") { Description = "A Hugging Face tokenizer.json (byte-level or SentencePiece-style BPE: GPT-2, Llama 2/3, Mistral, Qwen, Gemma, DeepSeek, GPT-OSS, Sift's own).", Required = true };
        var input = new Option<string>("--input") { Description = "JSONL: one object per line with the text to encode.", Required = true };
        var output = new Option<string>("--output") { Description = "JSONL to write: {\"ids\": [...]} per input line, in order (written atomically).", Required = true };
        var field = new Option<string>("--field") { Description = "The input field holding the text.", DefaultValueFactory = _ => "text" };
        var special = new Option<bool>("--special") { Description = "Recognise special tokens written in the text (<|im_start|>, </s>, ...) as their ids, as Hugging Face's encode does; without it they are encoded as plain text. " };
        var addSpecial = new Option<bool>("--add-special-tokens") { Description = "Add what the tokenizer's post_processor adds (Llama: BOS first), as Hugging Face's encode(add_special_tokens=True)." };
        var command = new Command("tokenize", "Encode a JSONL file of texts to token ids with a Hugging Face tokenizer.json, exactly as Hugging Face's tokenizers library does.");
        command.Options.Add(tokenizer);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(field);
        command.Options.Add(special);
        command.Options.Add(addSpecial);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var (texts, tokens) = Run(parse.GetValue(tokenizer)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(field)!, parse.GetValue(special), parse.GetValue(addSpecial));
            Console.Error.WriteLine($"{texts} texts, {tokens} tokens → {parse.GetValue(output)}");
            return 0;
        }));
        return command;
    }

    /// <summary>Encodes every line; returns the number of texts and of tokens written.</summary>
    internal static (int Texts, long Tokens) Run(string tokenizerPath, string inputPath, string outputPath, string field, bool allowSpecial, bool addSpecialTokens = false)
    {
        var tok = BpeTokenizer.Load(tokenizerPath);
        int texts = 0;
        long tokens = 0;
        var ids = new List<int>();
        AtomicFile.Write(outputPath, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            foreach (var record in JsonlReader.ReadAll(inputPath))
            {
                if (!record.Object.TryGetPropertyValue(field, out var node) || node is null)
                    throw new InvalidDataException($"{inputPath}:{record.LineNumber}: field \"{field}\" is missing (use --field to name the text field)");
                if (node.GetValueKind() != JsonValueKind.String)
                    throw new InvalidDataException($"{inputPath}:{record.LineNumber}: field \"{field}\" is {JsonKind.Describe(node)}, not a string");
                ids.Clear();
                tok.Encode(node.GetValue<string>().AsSpan(), ids, allowSpecial);
                int[] written = addSpecialTokens ? tok.PostProcess(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids)) : [.. ids];
                json.WriteStartObject();
                json.WriteStartArray("ids");
                foreach (int id in written)
                    json.WriteNumberValue(id);
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                stream.WriteByte((byte)'\n');
                json.Reset(); // one JSON document per line, with no separator between them
                texts++;
                tokens += written.Length;
            }
        });
        return (texts, tokens);
    }
}
