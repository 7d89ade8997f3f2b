namespace Sift.Text;

/// <summary>
/// A piece of text during pre-tokenization: <c>Text[Start, Start+Length)</c>. Steps that only split keep
/// pointing into the same string; a step that rewrites (Metaspace) makes a new one. <c>AtOrigin</c> is
/// true when the piece starts at the very beginning of the input, which Metaspace's
/// <c>prepend_scheme: "first"</c> needs.
/// </summary>
internal readonly record struct PreTokenizerPiece(string Text, int Start, int Length, bool AtOrigin)
{
    public ReadOnlySpan<char> Span => Text.AsSpan(Start, Length);

    public override string ToString() => Text.Substring(Start, Length);

    /// <summary>The sub-piece [start, start+length) of the same text.</summary>
    public PreTokenizerPiece Sub(int start, int length) => new(Text, start, length, AtOrigin && start == Start);
}
