using System.Globalization;
using System.Text;

namespace Sift.Text.Chat;

/// <summary>
/// Splits a template into tokens exactly as Jinja2's lexer does in the environment transformers
/// renders chat templates with (<c>trim_blocks=True</c>, <c>lstrip_blocks=True</c>, default
/// delimiters): newlines normalised to <c>\n</c>, one trailing newline dropped, <c>{%-</c>/<c>-%}</c>
/// stripping all adjacent whitespace, <c>{%+</c>/<c>+%}</c> opting out, the first newline after a
/// block or comment tag removed, and spaces or tabs before a block or comment tag that starts a line
/// removed. Whitespace is decided here, so the parser and renderer never see it.
/// </summary>
internal sealed class JinjaLexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"];

    private readonly string _name;
    private readonly string _src;
    private readonly int[] _lineStarts;
    private readonly List<JinjaToken> _tokens = [];
    private int _pos;

    private JinjaLexer(string name, string source)
    {
        _name = name;
        _src = NormalizeNewlines(source);
        var starts = new List<int> { 0 };
        for (var i = 0; i < _src.Length; i++)
            if (_src[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    public static List<JinjaToken> Tokenize(string name, string source)
    {
        var lexer = new JinjaLexer(name, source);
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>Jinja2 splits the source on \r\n, \r and \n, drops a final empty line and joins with \n.</summary>
    private static string NormalizeNewlines(string source)
    {
        var s = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return s.EndsWith('\n') ? s[..^1] : s;
    }

    private JinjaPosition PositionOf(int offset)
    {
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new JinjaPosition(line + 1, offset - _lineStarts[line] + 1);
    }

    private JinjaException Error(int offset, string reason) => new(_name, PositionOf(offset), reason);

    private void Run()
    {
        var lineStarting = true;
        while (_pos < _src.Length)
        {
            var tag = FindTagStart(_pos);
            if (tag < 0)
            {
                _tokens.Add(new(JinjaTokenKind.Data, _src[_pos..], PositionOf(_pos)));
                break;
            }
            var text = _src[_pos..tag];
            var kind = _src[tag + 1];
            var sign = tag + 2 < _src.Length && _src[tag + 2] is '-' or '+' ? _src[tag + 2] : '\0';
            if (sign == '-') text = PythonText.Strip(text, null, left: false, right: true);
            else if (sign != '+' && kind != '{')
            {
                // lstrip_blocks: only whitespace between the line's start and a block or comment tag.
                var lineStart = text.LastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && lineStart < text.Length && AllSpace(text, lineStart))
                    text = text[..lineStart];
            }
            if (text.Length > 0) _tokens.Add(new(JinjaTokenKind.Data, text, PositionOf(_pos)));
            var body = tag + 2 + (sign != '\0' ? 1 : 0);
            lineStarting = kind switch
            {
                '#' => LexComment(tag, body),
                '%' => LexTag(tag, body, block: true),
                _ => LexTag(tag, body, block: false),
            };
        }
        _tokens.Add(new(JinjaTokenKind.End, "", PositionOf(_src.Length)));
    }

    private static bool AllSpace(string s, int from)
    {
        for (var i = from; i < s.Length; i++)
            if (!PythonText.IsSpace(s[i])) return false;
        return true;
    }

    private int FindTagStart(int from)
    {
        for (var i = _src.IndexOf('{', from); i >= 0 && i + 1 < _src.Length; i = _src.IndexOf('{', i + 1))
            if (_src[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    /// <summary>Skips a comment; returns whether what it consumed ends with a newline (a line starts after it).</summary>
    private bool LexComment(int tag, int body)
    {
        var end = _src.IndexOf("#}", body, StringComparison.Ordinal);
        if (end < 0) throw Error(tag, "missing end of comment tag '#}'");
        var sign = end - 1 >= body && _src[end - 1] is '-' or '+' ? _src[end - 1] : '\0';
        _pos = end + 2;
        return FinishTagEnd(sign, block: true);
    }

    /// <summary>After a closing delimiter: <c>-</c> eats all whitespace, a plain block end eats one newline (trim_blocks).</summary>
    private bool FinishTagEnd(char sign, bool block)
    {
        var consumedNewline = false;
        if (sign == '-')
        {
            while (_pos < _src.Length && PythonText.IsSpace(_src[_pos]))
            {
                consumedNewline = _src[_pos] == '\n';
                _pos++;
            }
            return consumedNewline;
        }
        if (sign == '\0' && block && _pos < _src.Length && _src[_pos] == '\n')
        {
            _pos++;
            return true;
        }
        return false;
    }

    private bool LexTag(int tag, int body, bool block)
    {
        _tokens.Add(new(block ? JinjaTokenKind.BlockBegin : JinjaTokenKind.VariableBegin, block ? "{%" : "{{", PositionOf(tag)));
        _pos = body;
        var brackets = new Stack<char>();
        var close = block ? "%}" : "}}";
        var first = true;
        while (true)
        {
            while (_pos < _src.Length && PythonText.IsSpace(_src[_pos])) _pos++;
            if (_pos >= _src.Length) throw Error(tag, $"the tag opened here is never closed with '{close}'");
            if (brackets.Count == 0)
            {
                var sign = _src[_pos] == '-' || (block && _src[_pos] == '+') ? _src[_pos] : '\0';
                var at = _pos + (sign != '\0' ? 1 : 0);
                if (string.CompareOrdinal(_src, at, close, 0, 2) == 0)
                {
                    _tokens.Add(new(block ? JinjaTokenKind.BlockEnd : JinjaTokenKind.VariableEnd, close, PositionOf(_pos)));
                    _pos = at + 2;
                    return FinishTagEnd(sign, block);
                }
            }
            if (block && first && IsRawStart())
                throw Error(tag, "{% raw %} blocks are not supported");
            first = false;
            LexExpressionToken(brackets);
        }
    }

    private bool IsRawStart()
    {
        var i = _pos;
        if (string.CompareOrdinal(_src, i, "raw", 0, 3) != 0) return false;
        i += 3;
        return i >= _src.Length || !(char.IsLetterOrDigit(_src[i]) || _src[i] == '_');
    }

    private void LexExpressionToken(Stack<char> brackets)
    {
        var start = _pos;
        var c = _src[_pos];
        if (char.IsAsciiDigit(c))
        {
            _tokens.Add(LexNumber());
            return;
        }
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _src.Length && (char.IsLetterOrDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
            _tokens.Add(new(JinjaTokenKind.Name, _src[start.._pos], PositionOf(start)));
            return;
        }
        if (c is '\'' or '"')
        {
            _tokens.Add(new(JinjaTokenKind.String, LexString(c), PositionOf(start)));
            return;
        }
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, op.Length) != 0) continue;
            switch (op)
            {
                case "(": brackets.Push(')'); break;
                case "[": brackets.Push(']'); break;
                case "{": brackets.Push('}'); break;
                case ")" or "]" or "}":
                    if (brackets.Count == 0) throw Error(start, $"unexpected '{op}'");
                    var expected = brackets.Pop();
                    if (expected != op[0]) throw Error(start, $"unexpected '{op}', expected '{expected}'");
                    break;
            }
            _pos += op.Length;
            _tokens.Add(new(JinjaTokenKind.Operator, op, PositionOf(start)));
            return;
        }
        throw Error(start, $"unexpected character '{c}'");
    }

    /// <summary>Integers (decimal, 0b/0o/0x, with underscores) and floats (fraction and/or exponent).</summary>
    private JinjaToken LexNumber()
    {
        var start = _pos;
        var position = PositionOf(start);
        if (_src[_pos] == '0' && _pos + 1 < _src.Length && char.ToLowerInvariant(_src[_pos + 1]) is 'b' or 'o' or 'x')
        {
            var radix = char.ToLowerInvariant(_src[_pos + 1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < _src.Length && (Uri.IsHexDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
            var digits = _src[digitsStart.._pos].Replace("_", "", StringComparison.Ordinal);
            try
            {
                return new(JinjaTokenKind.Integer, Convert.ToInt64(digits, radix).ToString(CultureInfo.InvariantCulture), position);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw Error(start, $"invalid integer literal '{_src[start.._pos]}'");
            }
        }
        SkipDigits();
        var isFloat = false;
        // A fraction only when a digit follows the dot, and never after a dot (messages.0.content is attribute access).
        var afterDot = _tokens.Count > 0 && _tokens[^1].IsOperator(".");
        if (!afterDot && _pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            _pos++;
            SkipDigits();
            isFloat = true;
        }
        if (!afterDot && _pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-') _pos++;
            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                SkipDigits();
                isFloat = true;
            }
            else _pos = save;
        }
        var text = _src[start.._pos].Replace("_", "", StringComparison.Ordinal);
        if (!isFloat && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw Error(start, $"integer literal '{text}' is out of range");
        return new(isFloat ? JinjaTokenKind.Float : JinjaTokenKind.Integer, text, position);
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || (_src[_pos] == '_' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))) _pos++;
    }

    /// <summary>A quoted string, unescaped as Python's <c>unicode-escape</c> codec does (Jinja2's rule); unknown escapes keep their backslash.</summary>
    private string LexString(char quote)
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length) throw Error(start, "unterminated string literal");
            var c = _src[_pos];
            if (c == quote)
            {
                _pos++;
                return sb.ToString();
            }
            if (c != '\\')
            {
                sb.Append(c);
                _pos++;
                continue;
            }
            if (_pos + 1 >= _src.Length) throw Error(start, "unterminated string literal");
            var e = _src[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case '\n': break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case 'x': sb.Append(HexEscape(2, start)); break;
                case 'u': sb.Append(HexEscape(4, start)); break;
                case 'U': sb.Append(HexEscape(8, start)); break;
                case >= '0' and <= '7':
                    var value = e - '0';
                    for (var k = 0; k < 2 && _pos < _src.Length && _src[_pos] is >= '0' and <= '7'; k++) value = value * 8 + (_src[_pos++] - '0');
                    sb.Append((char)value);
                    break;
                case 'N': throw Error(start, "\\N{...} escapes are not supported");
                default: sb.Append('\\').Append(e); break;
            }
        }
    }

    private string HexEscape(int digits, int start)
    {
        if (_pos + digits > _src.Length || !int.TryParse(_src.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            throw Error(start, $"truncated \\{(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U')} escape");
        _pos += digits;
        if (code > 0x10FFFF) throw Error(start, "illegal Unicode character in escape");
        return char.ConvertFromUtf32(code);
    }
}
