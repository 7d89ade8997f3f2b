namespace Sift.Text.Chat;

/// <summary>
/// A template that cannot be parsed or rendered, or a construct this interpreter does not implement:
/// the message names the template and the line:column, so an unsupported template is refused where
/// it differs instead of being rendered differently from transformers.
/// </summary>
public sealed class JinjaException : Exception
{
    /// <summary>An error at <paramref name="position"/> of the template called <paramref name="templateName"/>.</summary>
    public JinjaException(string templateName, JinjaPosition position, string reason)
        : base($"{templateName}:{position}: {reason}")
    {
        TemplateName = templateName;
        Position = position;
        Reason = reason;
    }

    /// <summary>Needed by the serialization conventions; prefer the constructor with a position.</summary>
    public JinjaException() : this("template", default, "template error") { }

    /// <summary>Needed by the serialization conventions; prefer the constructor with a position.</summary>
    public JinjaException(string message) : this("template", default, message) { }

    /// <summary>Needed by the serialization conventions; prefer the constructor with a position.</summary>
    public JinjaException(string message, Exception innerException) : base(message, innerException)
    {
        TemplateName = "template";
        Reason = message;
    }

    /// <summary>The template's name (e.g. the tokenizer_config.json it came from).</summary>
    public string TemplateName { get; }

    /// <summary>Where in the template.</summary>
    public JinjaPosition Position { get; }

    /// <summary>What went wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>Whether the template itself raised it through <c>raise_exception(...)</c>.</summary>
    public bool RaisedByTemplate { get; init; }
}
