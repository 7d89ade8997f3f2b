namespace Sift.Text.Chat;

/// <summary>The kinds of token the lexer produces.</summary>
internal enum JinjaTokenKind
{
    /// <summary>Template text outside tags, already whitespace-controlled.</summary>
    Data,
    /// <summary><c>{%</c></summary>
    BlockBegin,
    /// <summary><c>%}</c></summary>
    BlockEnd,
    /// <summary><c>{{</c></summary>
    VariableBegin,
    /// <summary><c>}}</c></summary>
    VariableEnd,
    /// <summary>An identifier (keywords such as <c>if</c> and <c>in</c> are names too).</summary>
    Name,
    /// <summary>A string literal, unescaped.</summary>
    String,
    /// <summary>An integer literal.</summary>
    Integer,
    /// <summary>A float literal.</summary>
    Float,
    /// <summary>An operator or punctuation, e.g. <c>+</c>, <c>//</c>, <c>(</c>, <c>|</c>.</summary>
    Operator,
    /// <summary>The end of the template.</summary>
    End,
}

/// <summary>One token: its kind, its text (the unescaped value for strings) and where it starts.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Text, JinjaPosition Position)
{
    public bool IsName(string name) => Kind == JinjaTokenKind.Name && Text == name;

    public bool IsOperator(string op) => Kind == JinjaTokenKind.Operator && Text == op;

    public string Describe() => Kind switch
    {
        JinjaTokenKind.End => "end of template",
        JinjaTokenKind.BlockEnd => "'%}'",
        JinjaTokenKind.VariableEnd => "'}}'",
        JinjaTokenKind.BlockBegin => "'{%'",
        JinjaTokenKind.VariableBegin => "'{{'",
        JinjaTokenKind.Data => "template text",
        JinjaTokenKind.String => "a string",
        _ => $"'{Text}'",
    };
}
