using System.Globalization;
using System.Text;

namespace Sift.Data.Synthetic.General;

/// <summary>
/// Generates the embedded general instruction-following task (the "general ability" of Dong et al.
/// 2023, in miniature): short instructions with one checkable response — formatting (upper-case a
/// list), transformation (reverse a list, sort words, count a letter) and lookup (a value from a small
/// table in the prompt). Instruction i depends only on (seed, i), so the same seed gives the same
/// instructions whatever else is asked for; responses are a few tokens, so a tiny model trained from
/// scratch learns part of the task in minutes.
/// </summary>
public sealed class GeneralInstructionGenerator(long seed)
{
    public const string SourceName = "synth-general";

    // Short, distinct lower-case words (no letter-case ambiguity, few BPE pieces each).
    private static readonly string[] Words =
    [
        "ant", "bee", "cat", "cow", "dog", "eel", "elk", "emu", "fox", "hen", "owl", "pig", "ram", "rat", "yak",
        "ash", "bay", "elm", "fig", "oak", "yew", "pea", "nut", "jam", "tea", "pie", "bun", "egg", "ham", "rye",
        "sun", "sky", "sea", "ice", "fog", "mud", "dew", "gem", "ink", "map", "cup", "box", "hat", "key", "pen",
        "red", "tan", "blue", "gold", "pink", "lime", "mint", "rose", "sand", "snow", "star", "moon", "leaf", "bird", "fish",
    ];

    // The letters of the counting family: few, so every count from 0 to 4 occurs.
    private const string Letters = "abcde";

    public long Seed { get; } = seed;

    /// <summary>Instruction <paramref name="index"/> of this seed (the family cycles through a seeded choice).</summary>
    public GeneralInstruction Generate(long index)
    {
        var rng = SplitMix64.ForStream(Seed, index, 0x6E6572616CUL);
        var family = (InstructionFamily)rng.Next(0, 4);
        var (question, answer) = family switch
        {
            InstructionFamily.UpperCaseList => UpperCase(ref rng),
            InstructionFamily.ReverseList => Reverse(ref rng),
            InstructionFamily.SortWords => Sort(ref rng),
            InstructionFamily.CountLetter => Count(ref rng),
            _ => Lookup(ref rng),
        };
        var id = string.Create(CultureInfo.InvariantCulture, $"general-{Seed}-{index}");
        return new GeneralInstruction(family, new MathProblem(id, question, answer, answer, SourceName));
    }

    private static string[] DistinctWords(ref SplitMix64 rng, int count)
    {
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var w = rng.Pick(Words);
            if (!picked.Contains(w)) picked.Add(w);
        }
        return picked.ToArray();
    }

    private static (string, string) UpperCase(ref SplitMix64 rng)
    {
        var words = DistinctWords(ref rng, rng.Next(2, 4));
        return ($"Write the words {string.Join(' ', words)} in upper case separated by commas.",
            string.Join(", ", words.Select(w => w.ToUpperInvariant())));
    }

    private static (string, string) Reverse(ref SplitMix64 rng)
    {
        var items = new string[rng.Next(3, 5)];
        for (var i = 0; i < items.Length; i++) items[i] = rng.Next(0, 9).ToString(CultureInfo.InvariantCulture);
        return ($"Reverse the list: {string.Join(' ', items)}", string.Join(' ', items.Reverse()));
    }

    private static (string, string) Sort(ref SplitMix64 rng)
    {
        var words = DistinctWords(ref rng, rng.Next(3, 4));
        var sorted = words.OrderBy(w => w, StringComparer.Ordinal);
        return ($"Sort the words alphabetically: {string.Join(' ', words)}", string.Join(' ', sorted));
    }

    private static (string, string) Count(ref SplitMix64 rng)
    {
        var length = rng.Next(4, 7);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(Letters[rng.Next(0, Letters.Length - 1)]);
        var text = sb.ToString();
        var letter = Letters[rng.Next(0, Letters.Length - 1)];
        var count = text.Count(c => c == letter);
        return ($"How many times does the letter {letter} appear in {text}?", count.ToString(CultureInfo.InvariantCulture));
    }

    private static (string, string) Lookup(ref SplitMix64 rng)
    {
        var keys = DistinctWords(ref rng, rng.Next(2, 4));
        var values = new int[keys.Length];
        for (var i = 0; i < values.Length; i++) values[i] = rng.Next(0, 9);
        var asked = rng.Next(0, keys.Length - 1);
        var table = string.Join(", ", keys.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"{k}={values[i]}")));
        return ($"Table: {table}. What is the value of {keys[asked]}?", values[asked].ToString(CultureInfo.InvariantCulture));
    }
}
