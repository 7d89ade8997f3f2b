using System.Numerics;

namespace Sift.Grading;

/// <summary>
/// Recursive-descent parser from a normalised LaTeX / plain-math answer to a <see cref="Node"/> tree.
/// Recursion is depth-counted (<see cref="GraderOptions.MaxDepth"/>) so it can never overflow the stack,
/// and every token consumed ticks the shared step <see cref="Budget"/>.
/// </summary>
internal sealed class AnswerParser
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "asin", "acos", "atan",
        "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "sqrt", "abs", "floor", "ceil", "gcd", "lcm",
    };

    private readonly List<Token> _t;
    private readonly GraderOptions _o;
    private readonly Budget _budget;
    private int _p;
    private int _depth;

    private AnswerParser(List<Token> tokens, GraderOptions options, Budget budget)
    {
        _t = tokens; _o = options; _budget = budget;
    }

    public static Node Parse(string normalized, GraderOptions options, Budget budget)
    {
        var tokens = Tokenizer.Tokenize(normalized, budget);
        var parser = new AnswerParser(tokens, options, budget);
        var node = parser.ParseTop();
        return node;
    }

    private Token Cur => _t[_p];
    private Token PeekAt(int k) => _p + k < _t.Count ? _t[_p + k] : _t[^1];
    private void Next() { _budget.Tick(); if (_p < _t.Count - 1) _p++; }
    private static AnswerParseException Fail(string why) => new(why);

    private void Enter()
    {
        if (++_depth > _o.MaxDepth) throw Fail("expression too deeply nested");
        _budget.Tick();
    }

    private void Expect(TokenKind kind, string text)
    {
        if (!Cur.Is(kind, text)) throw Fail($"expected '{text}' but found '{Cur.Text}'");
        Next();
    }

    private Node ParseTop()
    {
        var items = ParseItems(static t => t.Kind == TokenKind.End);
        if (Cur.Kind != TokenKind.End) throw Fail($"unexpected '{Cur.Text}'");
        if (items.Count == 0) throw Fail("empty answer");
        return items.Count == 1 ? items[0] : new Node(NodeKind.List, items.ToArray());
    }

    private List<Node> ParseItems(Func<Token, bool> isCloser)
    {
        var items = new List<Node>();
        if (isCloser(Cur)) return items;
        while (true)
        {
            items.Add(ParseRelation());
            if (Cur.IsSym(",") || Cur.IsSym(";") || Cur.IsCmd(";"))
            {
                Next();
                if (isCloser(Cur) && Cur.Kind == TokenKind.End) break; // trailing comma
                continue;
            }
            break;
        }
        return items;
    }

    private static string? RelOp(Token t) => t.Kind switch
    {
        TokenKind.Sym => t.Text switch { "=" => "=", "<" => "<", ">" => ">", "<=" => "<=", ">=" => ">=", "!=" => "!=", _ => null },
        TokenKind.Cmd => t.Text switch
        {
            "le" or "leq" or "leqslant" => "<=",
            "ge" or "geq" or "geqslant" => ">=",
            "lt" => "<",
            "gt" => ">",
            "ne" or "neq" => "!=",
            // "≈" is kept apart from "=": the member before it is the exact answer, the one after a rounded value.
            "approx" => "\u2248",
            "equiv" or "eq" => "=",
            _ => null,
        },
        _ => null,
    };

    private Node ParseRelation()
    {
        Enter();
        var first = ParseRatio();
        if (RelOp(Cur) is null) { _depth--; return first; }
        var children = new List<Node> { first };
        var ops = new List<string>();
        while (RelOp(Cur) is { } op)
        {
            Next();
            ops.Add(op);
            children.Add(ParseRatio());
        }
        _depth--;
        return new Node(NodeKind.Relation, children.ToArray()) { Ops = ops.ToArray() };
    }

    private static bool IsRatioColon(Token t) => t.IsSym(":") || t.IsCmd("colon");

    /// <summary>"a:b:c" binds looser than sums and tighter than relations ("V_1:V_2=11:21").</summary>
    private Node ParseRatio()
    {
        Enter();
        var first = ParseUnion();
        if (!IsRatioColon(Cur)) { _depth--; return first; }
        var parts = new List<Node> { first };
        while (IsRatioColon(Cur))
        {
            Next();
            parts.Add(ParseUnion());
        }
        _depth--;
        return new Node(NodeKind.Ratio, parts.ToArray());
    }

    private Node ParseUnion()
    {
        Enter();
        var first = ParseSum();
        if (!Cur.IsCmd("cup") && !Cur.Is(TokenKind.Word, "U")) { _depth--; return first; }
        var parts = new List<Node> { first };
        while (Cur.IsCmd("cup") || Cur.Is(TokenKind.Word, "U"))
        {
            Next();
            parts.Add(ParseSum());
        }
        _depth--;
        return new Node(NodeKind.Union, parts.ToArray());
    }

    private Node ParseSum()
    {
        Enter();
        var terms = new List<Node> { ParseUnary() };
        Node? result = null;
        while (true)
        {
            if (Cur.IsSym("+")) { Next(); terms.Add(ParseSignedProduct()); }
            else if (Cur.IsSym("-")) { Next(); terms.Add(new Node(NodeKind.Neg, ParseSignedProduct())); }
            else if (Cur.IsCmd("pm") || Cur.IsCmd("mp"))
            {
                Next();
                var left = terms.Count == 1 ? terms[0] : new Node(NodeKind.Add, terms.ToArray());
                if (result is not null) left = result;
                var right = ParseProduct();
                // a ± b ± ... is kept as one PlusMinus over the sum so far.
                result = new Node(NodeKind.PlusMinus, left, right);
                terms = new List<Node> { result };
            }
            else break;
        }
        _depth--;
        return terms.Count == 1 ? terms[0] : new Node(NodeKind.Add, terms.ToArray());
    }

    private Node ParseUnary()
    {
        Enter();
        Node n;
        if (Cur.IsSym("-")) { Next(); n = new Node(NodeKind.Neg, ParseUnaryFactor()); n = ContinueProduct(n); }
        else if (Cur.IsSym("+")) { Next(); n = ParseProduct(); }
        else if (Cur.IsCmd("pm") || Cur.IsCmd("mp")) { Next(); n = new Node(NodeKind.PlusMinus, Node.Num(Rational.Zero), ParseProduct()); }
        else n = ParseProduct();
        _depth--;
        return n;
    }

    // "-a b" is -(a b): the sign binds to the whole product.
    private Node ParseUnaryFactor()
    {
        Enter();
        Node n;
        if (Cur.IsSym("-")) { Next(); n = new Node(NodeKind.Neg, ParseUnaryFactor()); }
        else if (Cur.IsSym("+")) { Next(); n = ParseUnaryFactor(); }
        else n = ParsePower();
        _depth--;
        return n;
    }

    private Node ParseProduct() => ContinueProduct(ParsePower());

    // "3 + -2" and "3 - -2": a sign directly after a binary + or -.
    private Node ParseSignedProduct()
    {
        if (Cur.IsSym("-")) { Next(); return ContinueProduct(new Node(NodeKind.Neg, ParseUnaryFactor())); }
        if (Cur.IsSym("+")) { Next(); return ContinueProduct(ParseUnaryFactor()); }
        return ParseProduct();
    }

    private Node ContinueProduct(Node first)
    {
        Enter();
        var factors = new List<Node> { first };
        while (true)
        {
            var c = Cur;
            if (c.IsSym("*") || c.IsCmd("cdot") || c.IsCmd("times") || c.IsCmd("ast"))
            {
                Next();
                factors.Add(ParseSignedFactor());
            }
            else if (c.IsSym("/") && PeekAt(1).IsSym("/"))
            {
                // Python floor division, as written in a few GSM8K annotations (560//10).
                Next(); Next();
                var divisor = ParseSignedFactor();
                var dividend = factors.Count == 1 ? factors[0] : new Node(NodeKind.Mul, factors.ToArray());
                factors = [Node.Fn("floor", new Node(NodeKind.Mul, dividend, new Node(NodeKind.Inv, divisor)))];
            }
            else if (c.IsSym("/") || c.IsCmd("div") || c.IsCmd("over"))
            {
                Next();
                factors.Add(new Node(NodeKind.Inv, ParseSignedFactor()));
            }
            else if (StartsImplicitFactor(c))
            {
                var factor = ParsePower();
                // "f(2)": a one-letter name right before "(" stays a product (its value is unchanged) but is
                // marked as a call, so that "f(2) = 5" reads as a label (AnswerShapes.IsLabel).
                if (c.IsSym("(") && !c.SpaceBefore && factors[^1] is { Kind: NodeKind.Symbol } name && name.Name.Length == 1 && factor.Kind != NodeKind.Bracket)
                    factors[^1] = new Node(NodeKind.Mul, name, factor) { IsCall = true };
                else factors.Add(factor);
            }
            else break;
        }
        _depth--;
        return factors.Count == 1 ? factors[0] : new Node(NodeKind.Mul, factors.ToArray());
    }

    private Node ParseSignedFactor()
    {
        Enter();
        Node n;
        if (Cur.IsSym("-")) { Next(); n = new Node(NodeKind.Neg, ParseSignedFactor()); }
        else if (Cur.IsSym("+")) { Next(); n = ParseSignedFactor(); }
        else n = ParsePower();
        _depth--;
        return n;
    }

    private static bool StartsImplicitFactor(Token t) => t.Kind switch
    {
        TokenKind.Num or TokenKind.Word => t.Text != "U",
        TokenKind.Sym => t.Text is "(" or "{",
        TokenKind.Cmd => t.Text is "frac" or "sqrt" or "pi" or "infty" or "binom" or "dbinom" or "tbinom" or "lfloor" or "lceil"
            or "sin" or "cos" or "tan" or "sec" or "csc" or "cot" or "arcsin" or "arccos" or "arctan" or "sinh" or "cosh" or "tanh"
            or "log" or "ln" or "exp" or "alpha" or "beta" or "gamma" or "theta" or "phi" or "omega" or "lambda" or "mu" or "sigma"
            or "tau" or "rho" or "delta" or "epsilon" or "varepsilon" or "varphi" or "psi" or "eta" or "zeta" or "xi" or "chi" or "kappa" or "nu" or "imath" or "begin",
        _ => false,
    };

    private Node ParsePower()
    {
        Enter();
        var b = ParsePostfix();
        if (Cur.IsSym("^"))
        {
            Next();
            var e = ParseExponent();
            b = new Node(NodeKind.Pow, b, e);
            b = ParsePostfixOps(b);
        }
        _depth--;
        return b;
    }

    private Node ParseExponent()
    {
        Enter();
        Node e;
        if (Cur.IsSym("-")) { Next(); e = new Node(NodeKind.Neg, ParseExponent()); }
        else if (Cur.IsSym("+")) { Next(); e = ParseExponent(); }
        else
        {
            e = ParsePostfix();
            if (Cur.IsSym("^")) { Next(); e = new Node(NodeKind.Pow, e, ParseExponent()); }
        }
        _depth--;
        return e;
    }

    private Node ParsePostfix() => ParsePostfixOps(ParsePrimary());

    private Node ParsePostfixOps(Node n)
    {
        while (true)
        {
            if (Cur.IsSym("!")) { Next(); n = Node.Fn("fact", n); }
            else if (Cur.IsSym("%")) { Next(); n = new Node(NodeKind.Percent, n); }
            else return n;
        }
    }

    private Node ParsePrimary()
    {
        Enter();
        var n = ParsePrimaryCore();
        _depth--;
        return n;
    }

    private Node ParsePrimaryCore()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Num:
            {
                Next();
                var num = ParseNumber(t.Text);
                if (num.IsInteger && !t.Text.Contains('.') && Cur.IsCmd("frac"))
                {
                    // Mixed number 3\frac{1}{2} = 3 + 1/2 when both parts are integer literals.
                    int save = _p;
                    Next();
                    var a = ParseArg();
                    var b = ParseArg();
                    if (a.Kind == NodeKind.Number && b.Kind == NodeKind.Number && a.Value.IsInteger && b.Value.IsInteger && !a.IsDecimal && !b.IsDecimal)
                    {
                        // A mixed number needs a proper fraction: 4 4/0, 11 6/6 and 11 7/6 have no value.
                        if (a.Value.Sign < 0 || b.Value.Sign <= 0 || a.Value.Num >= b.Value.Num) throw Fail("invalid mixed number");
                        return new Node(NodeKind.Add, Node.Num(num), new Node(NodeKind.Mul, a, new Node(NodeKind.Inv, b)));
                    }
                    _p = save;
                }
                bool isDec = t.Text.Contains('.') || t.Text.Contains('e') || t.Text.Contains('E');
                if (!isDec) return new Node(NodeKind.Number) { Value = num, WrittenDigits = t.Text.Length };
                return new Node(NodeKind.Number) { Value = num, IsDecimal = true, Decimals = DecimalsOf(t.Text), SignificantDigits = SignificantOf(t.Text) };
            }
            case TokenKind.Word:
                Next();
                return ParseWord(t.Text);
            case TokenKind.Sym:
                switch (t.Text)
                {
                    case "(":
                    case "[":
                    {
                        Next();
                        var items = ParseItems(static x => x.IsSym(")") || x.IsSym("]"));
                        if (!(Cur.IsSym(")") || Cur.IsSym("]"))) throw Fail("unbalanced bracket");
                        char close = Cur.Text[0];
                        Next();
                        if (items.Count == 0) throw Fail("empty brackets");
                        if (items.Count == 1 && ((t.Text == "(" && close == ')') || (t.Text == "[" && close == ']')))
                            return items[0];
                        return new Node(NodeKind.Bracket, items.ToArray()) { Open = t.Text[0], Close = close };
                    }
                    case "{":
                    {
                        Next();
                        var items = ParseItems(static x => x.IsSym("}"));
                        Expect(TokenKind.Sym, "}");
                        if (items.Count == 0) throw Fail("empty group");
                        return items.Count == 1 ? items[0] : new Node(NodeKind.List, items.ToArray());
                    }
                    case "|":
                    {
                        Next();
                        var inner = ParseSum();
                        Expect(TokenKind.Sym, "|");
                        return Node.Fn("abs", inner);
                    }
                }
                throw Fail($"unexpected '{t.Text}'");
            case TokenKind.Cmd:
                Next();
                return ParseCommand(t.Text);
            default:
                throw Fail("unexpected end of answer");
        }
    }

    private static int DecimalsOf(string text)
    {
        if (text.IndexOfAny(['e', 'E']) >= 0) return -1;
        int dot = text.IndexOf('.');
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    private static int SignificantOf(string text)
    {
        int count = 0;
        bool started = false;
        foreach (var c in text)
        {
            if (c is 'e' or 'E') break;
            if (!char.IsAsciiDigit(c)) continue;
            if (c != '0') started = true;
            if (started) count++;
        }
        return count;
    }

    private Rational ParseNumber(string text)
    {
        int digits = 0;
        foreach (var ch in text) if (char.IsAsciiDigit(ch)) digits++;
        if (digits > _o.MaxNumberDigits) throw Fail("number literal too long");
        _budget.Tick(digits / 16);
        int exp = 0;
        int ePos = text.IndexOfAny(['e', 'E']);
        string mant = text;
        if (ePos >= 0)
        {
            var es = text[(ePos + 1)..];
            if (es.Length > 4 || !int.TryParse(es, System.Globalization.NumberStyles.AllowLeadingSign, null, out exp)) throw Fail("exponent too large");
            mant = text[..ePos];
        }
        if (mant.EndsWith('.')) mant = mant[..^1];
        int dot = mant.IndexOf('.');
        BigInteger num;
        int scale = 0;
        if (dot >= 0)
        {
            var intPart = mant[..dot];
            var frac = mant[(dot + 1)..];
            num = BigInteger.Parse(intPart.Length == 0 ? frac : intPart + frac, System.Globalization.CultureInfo.InvariantCulture);
            scale = frac.Length;
        }
        else num = BigInteger.Parse(mant, System.Globalization.CultureInfo.InvariantCulture);
        scale -= exp;
        if (scale >= 0) return new Rational(num, BigInteger.Pow(10, scale));
        return new Rational(num * BigInteger.Pow(10, -scale), BigInteger.One);
    }

    private Node ParseWord(string w)
    {
        string lower = w.ToLowerInvariant();
        if (Functions.Contains(lower) && (Cur.IsSym("(") || Cur.IsSym("{") || Cur.IsSym("^") || Cur.IsSym("_") || lower is "sqrt"))
            return ParseFunction(lower);
        if (lower is "pi") return Node.Const("pi");
        if (lower is "inf" or "infty" or "infinity" or "oo") return Node.Const("inf");
        if (w.Length == 1)
        {
            if (w == "e") return Node.Const("e");
            if (w == "i") return Node.Const("i");
            return Node.Sym(w + ParseSubscript());
        }
        if (w.Length == 2)
        {
            // "xy" is the product x*y (implicit multiplication of single-letter variables).
            return new Node(NodeKind.Mul, LetterNode(w[0]), LetterNode(w[1].ToString() + ParseSubscript()));
        }
        return Node.Sym(lower + ParseSubscript());
    }

    private static Node LetterNode(char c) => c switch { 'e' => Node.Const("e"), 'i' => Node.Const("i"), _ => Node.Sym(c.ToString()) };
    private static Node LetterNode(string s) => s.Length == 1 ? LetterNode(s[0]) : Node.Sym(s);

    private string ParseSubscript()
    {
        if (!Cur.IsSym("_")) return "";
        Next();
        return "_" + RawArg();
    }

    /// <summary>The raw text of one argument (a braced group or a single token), for subscripts and names.</summary>
    private string RawArg()
    {
        if (Cur.IsSym("{"))
        {
            var sb = new System.Text.StringBuilder();
            int level = 0;
            do
            {
                if (Cur.Kind == TokenKind.End) throw Fail("unbalanced brace");
                if (Cur.IsSym("{")) level++;
                else if (Cur.IsSym("}")) level--;
                if (level > 0 && !(level == 1 && Cur.IsSym("{"))) sb.Append(Cur.Kind == TokenKind.Cmd ? "\\" + Cur.Text : Cur.Text);
                Next();
            } while (level > 0);
            return sb.ToString();
        }
        var t = Cur;
        if (t.Kind == TokenKind.End) throw Fail("missing argument");
        Next();
        return t.Kind == TokenKind.Cmd ? "\\" + t.Text : t.Text;
    }

    /// <summary>One LaTeX argument: a braced group, or a single token (\frac12 reads "1" then "2").</summary>
    private Node ParseArg()
    {
        Enter();
        Node n;
        if (Cur.IsSym("{"))
        {
            Next();
            var items = ParseItems(static x => x.IsSym("}"));
            Expect(TokenKind.Sym, "}");
            if (items.Count != 1) throw Fail("bad argument");
            n = items[0];
        }
        else if (Cur.Kind == TokenKind.Num && Cur.Text.Length > 1 && Cur.Text.All(char.IsAsciiDigit))
        {
            var t = Cur;
            n = Node.Num(Rational.FromInt(t.Text[0] - '0'));
            _t[_p] = new Token(TokenKind.Num, t.Text[1..], false);
            if (_t[_p].Text.StartsWith('.')) throw Fail("bad argument");
        }
        else if (Cur.Kind == TokenKind.Word && Cur.Text.Length > 1)
        {
            var t = Cur;
            n = LetterNode(t.Text[0]);
            _t[_p] = new Token(TokenKind.Word, t.Text[1..], false);
        }
        else n = ParsePrimary();
        _depth--;
        return n;
    }

    private Node ParseFunction(string name)
    {
        name = name switch { "asin" => "arcsin", "acos" => "arccos", "atan" => "arctan", "lg" => "log10", _ => name };
        Node? logBase = null;
        Node? power = null;
        if (name == "log" && Cur.IsSym("_")) { Next(); logBase = ParseArg(); }
        if (Cur.IsSym("^"))
        {
            Next();
            power = ParseExponent();
            if (power.Kind == NodeKind.Neg && power.Children[0].Kind == NodeKind.Number && power.Children[0].Value == Rational.One
                && name is "sin" or "cos" or "tan")
            {
                name = "arc" + name;
                power = null;
            }
        }
        Node arg;
        if (name == "sqrt")
        {
            Node? index = null;
            if (Cur.IsSym("["))
            {
                Next();
                index = ParseSum();
                Expect(TokenKind.Sym, "]");
            }
            arg = ParseArg();
            var root = index is null
                ? new Node(NodeKind.Pow, arg, Node.Num(new Rational(1, 2)))
                : new Node(NodeKind.Pow, arg, new Node(NodeKind.Inv, index));
            return power is null ? root : new Node(NodeKind.Pow, root, power);
        }
        if (Cur.IsSym("("))
        {
            Next();
            var items = ParseItems(static x => x.IsSym(")"));
            Expect(TokenKind.Sym, ")");
            if (items.Count == 0) throw Fail("empty function call");
            if (items.Count > 1)
            {
                if (name is not ("gcd" or "lcm")) throw Fail("too many arguments");
                var call = Node.Fn(name, items.ToArray());
                return power is null ? call : new Node(NodeKind.Pow, call, power);
            }
            arg = items[0];
        }
        else if (Cur.IsSym("{")) arg = ParseArg();
        else
        {
            // \sin 2x: the argument runs over adjacent numbers and letters.
            var parts = new List<Node> { ParsePower() };
            while (Cur.Kind is TokenKind.Num or TokenKind.Word) parts.Add(ParsePower());
            arg = parts.Count == 1 ? parts[0] : new Node(NodeKind.Mul, parts.ToArray());
        }
        Node result = logBase is null ? Node.Fn(name, arg) : Node.Fn("logb", arg, logBase);
        return power is null ? result : new Node(NodeKind.Pow, result, power);
    }

    private Node ParseCommand(string c)
    {
        switch (c)
        {
            case "frac":
            case "dfrac":
            case "tfrac":
            case "cfrac":
            {
                var a = ParseArg();
                var b = ParseArg();
                return new Node(NodeKind.Mul, a, new Node(NodeKind.Inv, b));
            }
            case "sqrt":
                return ParseFunction("sqrt");
            case "pi":
                return Node.Const("pi");
            case "infty":
            case "infinity":
                return Node.Const("inf");
            case "imath":
                return Node.Const("i");
            case "binom":
            case "dbinom":
            case "tbinom":
            {
                var a = ParseArg();
                var b = ParseArg();
                return Node.Fn("binom", a, b);
            }
            case "lfloor":
            {
                var inner = ParseSum();
                Expect(TokenKind.Cmd, "rfloor");
                return Node.Fn("floor", inner);
            }
            case "lceil":
            {
                var inner = ParseSum();
                Expect(TokenKind.Cmd, "rceil");
                return Node.Fn("ceil", inner);
            }
            case "{":
            {
                // Set-builder "\{x \mid x > 1\}" ("|" or ":" after one letter, optionally "\in \mathbb{R}"):
                // the set is what its condition states, so the condition is the answer.
                if (Cur.Kind == TokenKind.Word && Cur.Text.Length == 1)
                {
                    int save = _p;
                    Next();
                    if (Cur.IsCmd("in")) { Next(); ParsePrimary(); }
                    if (Cur.IsSym("|") || Cur.IsSym(":"))
                    {
                        Next();
                        var condition = ParseItems(static x => x.IsCmd("}"));
                        Expect(TokenKind.Cmd, "}");
                        if (condition.Count == 1) return condition[0];
                        throw Fail("set-builder with several conditions");
                    }
                    _p = save;
                }
                var items = ParseItems(static x => x.IsCmd("}"));
                Expect(TokenKind.Cmd, "}");
                return new Node(NodeKind.Set, items.ToArray());
            }
            case "emptyset":
            case "varnothing":
                return new Node(NodeKind.Set);
            case "begin":
                return ParseEnvironment();
            case "mathbb":
            {
                var name = RawArg();
                return Node.Sym("\\mathbb_" + name);
            }
            case "sin": case "cos": case "tan": case "sec": case "csc": case "cot":
            case "arcsin": case "arccos": case "arctan": case "sinh": case "cosh": case "tanh":
            case "log": case "ln": case "exp": case "lg":
                return ParseFunction(c);
            case "ldots": case "cdots": case "dots": case "vdots": case "ddots":
                throw Fail("ellipsis");
        }
        if (c.Length == 1 && !char.IsAsciiLetter(c[0])) throw Fail($"unexpected '\\{c}'");
        // Greek letters and other named symbols are variables.
        return Node.Sym("\\" + c + ParseSubscript());
    }

    private Node ParseEnvironment()
    {
        var env = RawArg();
        if (env is not ("pmatrix" or "bmatrix" or "matrix" or "Bmatrix" or "smallmatrix" or "array"))
            throw Fail($"unsupported environment {env}");
        if (env == "array" && Cur.IsSym("{")) RawArg();
        var cells = new List<Node>();
        int rows = 0, cols = -1, rowCells = 0;
        while (true)
        {
            if (Cur.IsCmd("end")) { Next(); RawArg(); break; }
            if (Cur.Kind == TokenKind.End) throw Fail("unterminated environment");
            cells.Add(ParseSum());
            rowCells++;
            if (Cur.IsSym("&")) { Next(); continue; }
            if (Cur.IsCmd("\\") || Cur.IsCmd("end"))
            {
                if (cols >= 0 && cols != rowCells) throw Fail("ragged matrix");
                cols = rowCells; rows++; rowCells = 0;
                if (Cur.IsCmd("\\")) { Next(); if (Cur.IsCmd("end")) { Next(); RawArg(); break; } }
                continue;
            }
            throw Fail($"unexpected '{Cur.Text}' in matrix");
        }
        if (rows == 0 || cols <= 0) throw Fail("empty matrix");
        return new Node(NodeKind.Matrix, cells.ToArray()) { Rows = rows, Cols = cols };
    }
}
