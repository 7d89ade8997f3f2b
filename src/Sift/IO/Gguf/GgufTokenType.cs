namespace Sift.IO.Gguf;

/// <summary>Codes of <c>tokenizer.ggml.token_type</c> (llama.cpp's <c>llama_token_type</c>, SentencePiece's piece types).</summary>
public static class GgufTokenType
{
    public const int Normal = 1;
    public const int Unknown = 2;
    public const int Control = 3;
    public const int UserDefined = 4;
    public const int Unused = 5;
    public const int Byte = 6;
}
