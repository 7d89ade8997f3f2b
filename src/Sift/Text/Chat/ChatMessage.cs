namespace Sift.Text.Chat;

/// <summary>One turn of a conversation, as <c>{"role": ..., "content": ...}</c> in <c>apply_chat_template</c>.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c> (templates may accept others).</param>
/// <param name="Content">The text of the turn.</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>A system turn.</summary>
    public static ChatMessage System(string content) => new("system", content);

    /// <summary>A user turn.</summary>
    public static ChatMessage User(string content) => new("user", content);

    /// <summary>An assistant turn.</summary>
    public static ChatMessage Assistant(string content) => new("assistant", content);

    /// <summary>The message as the dict a template sees.</summary>
    public JinjaValue ToValue() => JinjaValue.Dict([new("role", JinjaValue.From(Role)), new("content", JinjaValue.From(Content))]);
}
