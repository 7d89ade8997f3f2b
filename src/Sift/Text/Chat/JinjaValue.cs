using System.Globalization;

namespace Sift.Text.Chat;

/// <summary>
/// A value in a chat template: one of the Python types Jinja sees (<see cref="JinjaKind"/>), as a
/// small tagged type so rendering never reflects over .NET objects. Lists are immutable (transformers
/// renders in an immutable sandbox); dicts are too, except a <see cref="JinjaKind.Namespace"/>.
/// </summary>
public sealed class JinjaValue
{
    private readonly long _integer;
    private readonly double _float;
    private readonly string? _string;
    private readonly IReadOnlyList<JinjaValue>? _list;
    private readonly JinjaDict? _dict;
    private readonly JinjaFunction? _function;

    private JinjaValue(JinjaKind kind, long integer = 0, double number = 0, string? text = null,
        IReadOnlyList<JinjaValue>? list = null, JinjaDict? dict = null, JinjaFunction? function = null, bool tuple = false)
    {
        Kind = kind;
        _integer = integer;
        _float = number;
        _string = text;
        _list = list;
        _dict = dict;
        _function = function;
        IsTuple = tuple;
    }

    /// <summary>The type tag.</summary>
    public JinjaKind Kind { get; }

    /// <summary>For a list: whether it is a Python tuple (it prints with parentheses).</summary>
    public bool IsTuple { get; }

    /// <summary>For an undefined value: the name that was missing, for error messages (may be null).</summary>
    public string? UndefinedName => Kind == JinjaKind.Undefined ? _string : null;

    /// <summary>A missing value.</summary>
    public static JinjaValue Undefined { get; } = new(JinjaKind.Undefined);

    /// <summary>Python <c>None</c>.</summary>
    public static JinjaValue None { get; } = new(JinjaKind.None);

    /// <summary>Python <c>True</c>.</summary>
    public static JinjaValue True { get; } = new(JinjaKind.Boolean, integer: 1);

    /// <summary>Python <c>False</c>.</summary>
    public static JinjaValue False { get; } = new(JinjaKind.Boolean, integer: 0);

    /// <summary>The empty string.</summary>
    public static JinjaValue EmptyString { get; } = new(JinjaKind.String, text: "");

    /// <summary>An undefined value that remembers which name was missing.</summary>
    public static JinjaValue UndefinedNamed(string name) => new(JinjaKind.Undefined, text: name);

    /// <summary>A boolean.</summary>
    public static JinjaValue From(bool value) => value ? True : False;

    /// <summary>An integer.</summary>
    public static JinjaValue From(long value) => new(JinjaKind.Integer, integer: value);

    /// <summary>A float.</summary>
    public static JinjaValue From(double value) => new(JinjaKind.Float, number: value);

    /// <summary>A string (null gives None).</summary>
    public static JinjaValue From(string? value) => value is null ? None : value.Length == 0 ? EmptyString : new(JinjaKind.String, text: value);

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static JinjaValue List(IEnumerable<JinjaValue> items) => new(JinjaKind.List, list: items.ToArray());

    /// <summary>A tuple of <paramref name="items"/>.</summary>
    public static JinjaValue Tuple(IEnumerable<JinjaValue> items) => new(JinjaKind.List, list: items.ToArray(), tuple: true);

    /// <summary>A dict (the map is copied, so later changes to it do not show).</summary>
    public static JinjaValue Dict(JinjaDict entries) => new(JinjaKind.Dict, dict: entries.Copy());

    /// <summary>A dict of <paramref name="entries"/> in order.</summary>
    public static JinjaValue Dict(IEnumerable<KeyValuePair<string, JinjaValue>> entries) => new(JinjaKind.Dict, dict: new JinjaDict(entries));

    /// <summary>A namespace holding <paramref name="entries"/> (assignable with <c>set ns.x</c>).</summary>
    public static JinjaValue Namespace(JinjaDict entries) => new(JinjaKind.Namespace, dict: entries);

    /// <summary>A callable.</summary>
    public static JinjaValue Function(JinjaFunction function) => new(JinjaKind.Function, function: function);

    /// <summary>Whether this is Undefined.</summary>
    public bool IsUndefined => Kind == JinjaKind.Undefined;

    /// <summary>Whether this is None.</summary>
    public bool IsNone => Kind == JinjaKind.None;

    /// <summary>Whether this is a bool, int or float (Python treats bool as a number).</summary>
    public bool IsNumber => Kind is JinjaKind.Boolean or JinjaKind.Integer or JinjaKind.Float;

    /// <summary>The bool of a Boolean.</summary>
    public bool AsBoolean => Kind == JinjaKind.Boolean ? _integer != 0 : throw new InvalidOperationException($"not a bool: {Kind}");

    /// <summary>The integer of an Integer or Boolean.</summary>
    public long AsInteger => Kind is JinjaKind.Integer or JinjaKind.Boolean ? _integer : throw new InvalidOperationException($"not an int: {Kind}");

    /// <summary>The number of a Float, Integer or Boolean.</summary>
    public double AsDouble => Kind == JinjaKind.Float ? _float : Kind is JinjaKind.Integer or JinjaKind.Boolean ? _integer : throw new InvalidOperationException($"not a number: {Kind}");

    /// <summary>The text of a String.</summary>
    public string AsString => _string is not null && Kind == JinjaKind.String ? _string : throw new InvalidOperationException($"not a string: {Kind}");

    /// <summary>The items of a List.</summary>
    public IReadOnlyList<JinjaValue> AsList => _list ?? throw new InvalidOperationException($"not a list: {Kind}");

    /// <summary>The entries of a Dict or Namespace.</summary>
    public JinjaDict AsDict => _dict ?? throw new InvalidOperationException($"not a dict: {Kind}");

    /// <summary>The delegate of a Function.</summary>
    public JinjaFunction AsFunction => _function ?? throw new InvalidOperationException($"not a function: {Kind}");

    /// <summary>Python truthiness: empty strings, lists and dicts, zero, None and Undefined are false.</summary>
    public bool IsTruthy => Kind switch
    {
        JinjaKind.Undefined or JinjaKind.None => false,
        JinjaKind.Boolean or JinjaKind.Integer => _integer != 0,
        JinjaKind.Float => _float != 0,
        JinjaKind.String => _string!.Length > 0,
        JinjaKind.List => _list!.Count > 0,
        JinjaKind.Dict => _dict!.Count > 0,
        _ => true,
    };

    /// <summary>The Python type name, for error messages.</summary>
    public string TypeName => Kind switch
    {
        JinjaKind.Undefined => "Undefined",
        JinjaKind.None => "NoneType",
        JinjaKind.Boolean => "bool",
        JinjaKind.Integer => "int",
        JinjaKind.Float => "float",
        JinjaKind.String => "str",
        JinjaKind.List => IsTuple ? "tuple" : "list",
        JinjaKind.Dict => "dict",
        JinjaKind.Namespace => "Namespace",
        _ => "function",
    };

    /// <summary>What <c>{{ value }}</c> prints: Python's <c>str()</c> (Undefined prints nothing).</summary>
    public override string ToString() => PythonText.Str(this);

    /// <summary>Python's <c>==</c>: numbers across int/float/bool, element-wise lists and dicts, otherwise same type and value.</summary>
    public bool PythonEquals(JinjaValue other)
    {
        if (IsNumber && other.IsNumber)
        {
            if (Kind != JinjaKind.Float && other.Kind != JinjaKind.Float) return _integer == other._integer;
            return AsDouble == other.AsDouble;
        }
        if (Kind != other.Kind) return false;
        switch (Kind)
        {
            case JinjaKind.Undefined:
            case JinjaKind.None:
                return true;
            case JinjaKind.String:
                return string.Equals(_string, other._string, StringComparison.Ordinal);
            case JinjaKind.List:
                if (_list!.Count != other._list!.Count || IsTuple != other.IsTuple) return false;
                for (var i = 0; i < _list.Count; i++)
                    if (!_list[i].PythonEquals(other._list[i])) return false;
                return true;
            case JinjaKind.Dict:
                if (_dict!.Count != other._dict!.Count) return false;
                foreach (var (k, v) in _dict.Entries)
                    if (!other._dict.TryGetValue(k, out var w) || !v.PythonEquals(w)) return false;
                return true;
            default:
                return ReferenceEquals(this, other);
        }
    }

    /// <summary>Converts a string number written by a parser into a value (used by literals).</summary>
    internal static JinjaValue ParseNumber(string text, bool isFloat) =>
        isFloat ? From(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) : From(long.Parse(text, CultureInfo.InvariantCulture));
}
