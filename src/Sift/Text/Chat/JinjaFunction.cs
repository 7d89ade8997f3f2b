namespace Sift.Text.Chat;

/// <summary>
/// A callable value: <paramref name="arguments"/> holds the positional and keyword arguments of one
/// call and where in the template it was made, for error messages.
/// </summary>
public delegate JinjaValue JinjaFunction(JinjaArguments arguments);
