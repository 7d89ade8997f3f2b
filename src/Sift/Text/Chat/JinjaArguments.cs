namespace Sift.Text.Chat;

/// <summary>
/// The arguments of one call (<c>f(a, b, key=c)</c>, a filter's <c>|f(a)</c> after its operand, or a
/// method's after its receiver), with helpers that bind them the way Python binds parameters.
/// </summary>
public sealed class JinjaArguments
{
    internal JinjaArguments(string callee, IReadOnlyList<JinjaValue> positional, JinjaDict keywords)
    {
        Callee = callee;
        Positional = positional;
        Keywords = keywords;
    }

    /// <summary>What is being called, for error messages.</summary>
    public string Callee { get; }

    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<JinjaValue> Positional { get; }

    /// <summary>The keyword arguments, in order.</summary>
    public JinjaDict Keywords { get; }

    /// <summary>
    /// Binds the arguments to <paramref name="parameters"/> (Python's rules: positionals first, then
    /// keywords by name; an argument given twice, an unknown keyword or too many positionals is an
    /// error). Missing ones are Undefined, for the caller to default.
    /// </summary>
    public JinjaValue[] Bind(params string[] parameters)
    {
        if (Positional.Count > parameters.Length)
            throw new JinjaRuntimeException($"{Callee}() takes at most {parameters.Length} argument(s) ({Positional.Count} given)");
        var bound = new JinjaValue[parameters.Length];
        for (var i = 0; i < bound.Length; i++) bound[i] = i < Positional.Count ? Positional[i] : JinjaValue.Undefined;
        foreach (var (name, value) in Keywords.Entries)
        {
            var at = Array.IndexOf(parameters, name);
            if (at < 0) throw new JinjaRuntimeException($"{Callee}() got an unexpected keyword argument '{name}'");
            if (at < Positional.Count) throw new JinjaRuntimeException($"{Callee}() got multiple values for argument '{name}'");
            bound[at] = value;
        }
        return bound;
    }

    /// <summary>Fails unless the call has no arguments.</summary>
    public void None() => Bind();
}
