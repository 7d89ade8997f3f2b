namespace Sift.Grading;

internal enum TokenKind { Num, Word, Cmd, Sym, End }

internal struct Token
{
    public TokenKind Kind;
    public string Text;
    public bool SpaceBefore;

    public Token(TokenKind kind, string text, bool spaceBefore) { Kind = kind; Text = text; SpaceBefore = spaceBefore; }

    public readonly bool Is(TokenKind kind, string text) => Kind == kind && Text == text;
    public readonly bool IsSym(string text) => Kind == TokenKind.Sym && Text == text;
    public readonly bool IsCmd(string text) => Kind == TokenKind.Cmd && Text == text;
    public override readonly string ToString() => $"{Kind}:{Text}";
}

/// <summary>Splits a normalised answer string into numbers, words, LaTeX commands and symbols.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string s, Budget budget)
    {
        var tokens = new List<Token>(Math.Min(s.Length, 256));
        int i = 0;
        bool space = false;
        while (i < s.Length)
        {
            budget.Tick();
            char c = s[i];
            if (char.IsWhiteSpace(c)) { space = true; i++; continue; }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                if (i < s.Length && s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
                {
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                }
                else if (i < s.Length && s[i] == '.' && (i + 1 == s.Length || !char.IsAsciiLetter(s[i + 1]))) i++; // "5." is 5
                if (i + 1 < s.Length && (s[i] == 'e' || s[i] == 'E'))
                {
                    int j = i + 1;
                    if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
                    if (j < s.Length && char.IsAsciiDigit(s[j]))
                    {
                        i = j;
                        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                    }
                }
                tokens.Add(new Token(TokenKind.Num, s[start..i], space));
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                tokens.Add(new Token(TokenKind.Word, s[start..i], space));
            }
            else if (c == '\\')
            {
                i++;
                if (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    int ws = i;
                    while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                    tokens.Add(new Token(TokenKind.Cmd, s[ws..i], space));
                }
                else if (i < s.Length)
                {
                    tokens.Add(new Token(TokenKind.Cmd, s[i].ToString(), space));
                    i++;
                }
            }
            else
            {
                string text = c.ToString();
                if (i + 1 < s.Length)
                {
                    char d = s[i + 1];
                    if ((c == '<' || c == '>' || c == '!') && d == '=') text = c + "=";
                    else if (c == '=' && d == '=') text = "==";
                }
                i += text.Length;
                if (text == "==") text = "=";
                tokens.Add(new Token(TokenKind.Sym, text, space));
            }
            space = false;
        }
        tokens.Add(new Token(TokenKind.End, "", space));
        return tokens;
    }
}
