namespace Sift.Text;

/// <summary>
/// GPT-2's reversible byte → printable-character map (openai/gpt-2 encoder.py, bytes_to_unicode), which
/// Hugging Face's ByteLevel pre-tokenizer and decoder use: printable Latin-1 bytes map to themselves,
/// the other 68 bytes to U+0100 upward. Vocabulary strings in tokenizer.json are written in this alphabet.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Byte → character.</summary>
    public static readonly char[] ByteToChar = BuildByteToChar();

    /// <summary>Character → byte, or -1 for characters outside the alphabet (indexed by char, 0..0x17F).</summary>
    public static readonly short[] CharToByte = BuildCharToByte();

    /// <summary>Bytes in the order GPT-2 lists them (printables first); the trainer gives byte tokens ids in this order.</summary>
    public static readonly byte[] GptOrder = BuildOrder();

    private static byte[] BuildOrder()
    {
        var order = new List<byte>(256);
        for (int b = '!'; b <= '~'; b++)
            order.Add((byte)b);
        for (int b = 0xA1; b <= 0xAC; b++)
            order.Add((byte)b);
        for (int b = 0xAE; b <= 0xFF; b++)
            order.Add((byte)b);
        for (int b = 0; b < 256; b++)
        {
            if (!IsPrintable(b))
                order.Add((byte)b);
        }
        return order.ToArray();
    }

    private static bool IsPrintable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++)
            map[b] = IsPrintable(b) ? (char)b : (char)(256 + n++);
        return map;
    }

    private static short[] BuildCharToByte()
    {
        var inv = new short[0x180];
        Array.Fill(inv, (short)-1);
        char[] fwd = BuildByteToChar();
        for (int b = 0; b < 256; b++)
            inv[fwd[b]] = (short)b;
        return inv;
    }

    /// <summary>Decodes a byte-level string to bytes; false when a character is outside the alphabet.</summary>
    public static bool TryToBytes(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int b = c < CharToByte.Length ? CharToByte[c] : -1;
            if (b < 0)
                return false;
            bytes[i] = (byte)b;
        }
        return true;
    }
}
