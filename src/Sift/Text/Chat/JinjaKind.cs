namespace Sift.Text.Chat;

/// <summary>The type tag of a <see cref="JinjaValue"/>: the Python types a chat template sees.</summary>
public enum JinjaKind
{
    /// <summary>Jinja's <c>Undefined</c>: a missing variable, key or attribute (renders as nothing, is falsy).</summary>
    Undefined,
    /// <summary>Python <c>None</c> (<c>none</c> in templates).</summary>
    None,
    /// <summary>Python <c>bool</c>.</summary>
    Boolean,
    /// <summary>Python <c>int</c> (held as a 64-bit integer; overflow is an error, not a wrap).</summary>
    Integer,
    /// <summary>Python <c>float</c>.</summary>
    Float,
    /// <summary>Python <c>str</c>.</summary>
    String,
    /// <summary>Python <c>list</c> or <c>tuple</c> (see <see cref="JinjaValue.IsTuple"/>).</summary>
    List,
    /// <summary>Python <c>dict</c> with string keys, in insertion order.</summary>
    Dict,
    /// <summary>The mutable object <c>namespace(...)</c> returns: attributes may be assigned with <c>set ns.x = ...</c>.</summary>
    Namespace,
    /// <summary>A callable: a global such as <c>range</c>, a macro, or a bound method such as <c>str.split</c>.</summary>
    Function,
}
