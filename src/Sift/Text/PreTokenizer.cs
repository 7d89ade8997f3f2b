using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// A pre-tokenizer pipeline (Hugging Face <c>pre_tokenizer</c>): each step refines the pieces the previous
/// one produced; BPE then runs inside each piece. Sift's default is
/// <c>Sequence[Digits(individual_digits=true), ByteLevel(use_regex=true)]</c>: every digit is its own
/// piece, hence its own token, and the rest is split by the GPT-2 regex.
/// </summary>
internal sealed class PreTokenizer
{
    private readonly PreTokenizerStep[] _steps;
    [ThreadStatic]
    private static List<PreTokenizerPiece>? t_a;
    [ThreadStatic]
    private static List<PreTokenizerPiece>? t_b;

    public PreTokenizer(IReadOnlyList<PreTokenizerStep> steps, bool writeAsSequence)
    {
        if (steps.Count == 0)
            throw new ArgumentException("A pre-tokenizer needs at least one step.", nameof(steps));
        _steps = steps.ToArray();
        WriteAsSequence = writeAsSequence || _steps.Length > 1;
        IsByteLevel = _steps[^1] is ByteLevelStep;
    }

    /// <summary>Sift's pipeline: isolated digits, then the GPT-2 byte-level regex.</summary>
    public static PreTokenizer Default() =>
        new([new DigitsSplitStep(individualDigits: true), new ByteLevelStep(addPrefixSpace: false, useRegex: true, trimOffsets: true)], writeAsSequence: true);

    /// <summary>Whether the last step is ByteLevel: the model then sees each piece's UTF-8 bytes.</summary>
    public bool IsByteLevel { get; }

    internal IReadOnlyList<PreTokenizerStep> Steps => _steps;

    private bool WriteAsSequence { get; }

    /// <summary>Splits <paramref name="piece"/> into pieces, appended to <paramref name="output"/>.</summary>
    public void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output)
    {
        if (_steps.Length == 1)
        {
            _steps[0].Split(piece, output);
            return;
        }
        var cur = t_a ??= [];
        var next = t_b ??= [];
        cur.Clear();
        cur.Add(piece);
        for (int k = 0; k < _steps.Length; k++)
        {
            var target = k == _steps.Length - 1 ? output : next;
            if (target == next)
                next.Clear();
            foreach (var p in cur)
                _steps[k].Split(p, target);
            if (target == next)
                (cur, next) = (next, cur);
        }
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        if (!WriteAsSequence)
        {
            _steps[0].WriteJson(json);
            return;
        }
        json.WriteStartObject();
        json.WriteString("type", "Sequence");
        json.WriteStartArray("pretokenizers");
        foreach (var s in _steps)
            s.WriteJson(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
