namespace Sift.Text;

/// <summary>
/// An entry of tokenizer.json's <c>added_tokens</c>: text that is split out of the input before the
/// model sees it (as Hugging Face's AddedVocabulary does), with its flags: <c>special</c> (skipped when
/// decoding with skipSpecial; recognised only when encoding with allowSpecial), <c>normalized</c>
/// (matched in the normalized text rather than the raw input), <c>lstrip</c>/<c>rstrip</c> (swallows the
/// white space on that side), <c>single_word</c> (only matches when not inside a word).
/// </summary>
public sealed record AddedToken(
    int Id,
    string Content,
    bool Special = true,
    bool Normalized = false,
    bool Lstrip = false,
    bool Rstrip = false,
    bool SingleWord = false);
