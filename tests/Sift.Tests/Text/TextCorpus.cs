using System.Text;

namespace Sift.Tests.Text;

/// <summary>A deterministic synthetic corpus of math word problems for tokenizer tests (no data files needed).</summary>
internal static class TextCorpus
{
    private static readonly string[] Names = ["Natalia", "Weng", "Betty", "Julie", "James", "Albert", "Ken", "Alexis"];
    private static readonly string[] Things = ["clips", "apples", "dollars", "pages", "letters", "pizzas", "boxes", "marbles"];
    private static readonly string[] Verbs = ["sold", "bought", "read", "wrote", "ate", "found", "gave away", "collected"];

    public static IEnumerable<string> Sample(int documents = 3000, int seed = 1)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (int d = 0; d < documents; d++)
        {
            sb.Clear();
            string name = Names[rng.Next(Names.Length)];
            string thing = Things[rng.Next(Things.Length)];
            int a = rng.Next(2, 500), b = rng.Next(2, 50);
            sb.Append($"{name} {Verbs[rng.Next(Verbs.Length)]} {a} {thing} in April, and then {b} more in May. ");
            sb.Append($"How many {thing} did {name} have altogether?\n");
            sb.Append($"{name} had {a} + {b} = <<{a}+{b}={a + b}>>{a + b} {thing}.\n#### {a + b}\n");
            if (d % 7 == 0)
                sb.Append("It's the answer; they're sure we've checked. Ünïcödé 中文 😀\n");
            yield return sb.ToString();
        }
    }
}
