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
    private static List<(int Start, int Length)>? t_a;
    [ThreadStatic]
    private static List<(int Start, int Length)>? t_b;

    public PreTokenizer(IReadOnlyList<PreTokenizerStep> steps, bool writeAsSequence)
    {
        if (steps.Count == 0)
            throw new ArgumentException("A pre-tokenizer needs at least one step.", nameof(steps));
        _steps = steps.ToArray();
        WriteAsSequence = writeAsSequence || _steps.Length > 1;
        AddPrefixSpace = _steps[0] is ByteLevelStep { AddPrefixSpace: true };
    }

    /// <summary>Sift's pipeline: isolated digits, then the GPT-2 byte-level regex.</summary>
    public static PreTokenizer Default() =>
        new([new DigitsSplitStep(individualDigits: true), new ByteLevelStep(addPrefixSpace: false, useRegex: true, trimOffsets: true)], writeAsSequence: true);

    /// <summary>Whether a space is prepended to text that does not start with one (GPT-2's add_prefix_space).</summary>
    public bool AddPrefixSpace { get; }

    private bool WriteAsSequence { get; }

    /// <summary>Splits <paramref name="text"/> into pieces, appended to <paramref name="output"/> as (start, length).</summary>
    public void Split(ReadOnlySpan<char> text, List<(int Start, int Length)> output)
    {
        var cur = t_a ??= new List<(int, int)>();
        var next = t_b ??= new List<(int, int)>();
        cur.Clear();
        cur.Add((0, text.Length));
        for (int k = 0; k < _steps.Length; k++)
        {
            var target = k == _steps.Length - 1 ? output : next;
            if (target == next)
                next.Clear();
            foreach (var (s, l) in cur)
                _steps[k].Split(text, s, l, target);
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
