namespace Sift.Data;

/// <summary>How a <see cref="FieldMap"/> finds the gold final answer of a row.</summary>
public enum AnswerRule
{
    /// <summary>GSM8K: the number after <c>#### </c> in the solution field, thousands separators stripped.</summary>
    AfterHashes,

    /// <summary>MATH: the answer field when present, else the content of the last <c>\boxed{}</c> in the solution.</summary>
    AnswerFieldOrLastBoxed,

    /// <summary>The answer field itself (string or number); a trailing unit in parentheses, as in ASDiv's <c>"9 (apples)"</c>, is dropped.</summary>
    AnswerField,

    /// <summary>Generic prompt/response: <c>#### N</c> if the response has one, else the last <c>\boxed{}</c>, else empty.</summary>
    FromResponse,
}
