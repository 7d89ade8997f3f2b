namespace Sift.Text.Chat;

/// <summary>
/// Variables visible at one point of rendering. A for loop's body gets a fresh scope for every
/// iteration and a macro a scope per call, so <c>set</c> inside them never leaks out (Jinja's
/// rule, which is why templates carry state across iterations in a <c>namespace</c>); <c>if</c>
/// blocks share their enclosing scope.
/// </summary>
internal sealed class JinjaScope(JinjaScope? parent)
{
    private readonly Dictionary<string, JinjaValue> _vars = new(StringComparer.Ordinal);

    public JinjaValue Lookup(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s._vars.TryGetValue(name, out var v)) return v;
        return JinjaValue.UndefinedNamed($"'{name}'");
    }

    public JinjaScope? Parent { get; } = parent;

    public void Set(string name, JinjaValue value) => _vars[name] = value;
}
