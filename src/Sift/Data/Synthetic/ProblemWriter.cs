using System.Globalization;
using System.Text;

namespace Sift.Data.Synthetic;

/// <summary>Words a <see cref="ProblemPlan"/> with a <see cref="ScenarioFamily"/> and a <see cref="Person"/>.</summary>
internal sealed class ProblemWriter
{
    private readonly ScenarioFamily _family;
    private readonly Person _person;
    private readonly int _phrasing;
    private readonly List<string> _sentences = [];
    private bool _named;

    /// <param name="family">Scenario wording.</param>
    /// <param name="person">The character.</param>
    /// <param name="phrasing">0: the family's own question; 1, 2: generic rephrasings of it.</param>
    public ProblemWriter(ScenarioFamily family, Person person, int phrasing = 0)
    {
        _family = family;
        _person = person;
        _phrasing = phrasing;
    }

    private bool Money => _family.Item == "dollars";

    private string TotalQuestion => _phrasing switch
    {
        1 => Money ? "How much is that in total?" : "How many {item} is that in total?",
        2 => Money ? "What is the total in dollars?" : "What is the total number of {item}?",
        _ => _family.CollectQuestion,
    };

    private string LeftQuestion => _phrasing switch
    {
        1 => Money ? "How much money remains?" : "How many {item} remain?",
        2 => Money ? "How many dollars are left over?" : "How many {item} are left over?",
        _ => _family.LeftQuestion,
    };

    // "ends up with" only fits families that start from possession ("Ana has 5 apples."), not "has driven".
    private bool Possessive => _family.Start.StartsWith("{who} has {n}", StringComparison.Ordinal) || _family.Start.StartsWith("{who} has ${n}", StringComparison.Ordinal);

    private string HaveQuestion => _phrasing switch
    {
        1 when Possessive => Money ? "How much money does {p} end up with?" : "How many {item} does {p} end up with?",
        _ => _family.HaveQuestion,
    };

    public string Write(ProblemPlan plan)
    {
        var f = _family;
        switch (plan.Kind)
        {
            case PlanKind.Chain:
                Say(f.Start, n: plan.Start);
                foreach (var op in plan.Ops)
                {
                    var template = op.Op switch
                    {
                        '+' => f.Gains[op.Phrase % f.Gains.Length],
                        '-' => f.Losses[op.Phrase % f.Losses.Length],
                        '*' => f.Times,
                        _ => f.Split,
                    };
                    Say(template, n: op.Operand, k: op.Operand);
                }
                Say(plan.Ops.Count > 0 && plan.Ops[^1].Op == '/' ? f.SplitQuestion : HaveQuestion);
                break;
            case PlanKind.Collect:
                Say(f.Collect, list: List(plan.Terms.Select(TermPhrase)));
                Trailing(plan);
                Say(EndsInSplit(plan) ? f.SplitQuestion : TotalQuestion);
                break;
            case PlanKind.Grouped:
                var thing = f.Things[plan.Terms[0].Thing % f.Things.Length];
                Say(f.Rate, per: plan.Per, thing: thing.One);
                Say(f.GroupCollectSentence, list: List(plan.Terms.Select((t, i) =>
                    $"{Number(t.Count)} {(t.Count == 1 ? thing.One : thing.Many)} {f.Periods[i % f.Periods.Length]}")));
                Trailing(plan);
                Say(EndsInSplit(plan) ? f.SplitQuestion : TotalQuestion);
                break;
            case PlanKind.Remaining:
                Say(f.GoalSentence, n: plan.Start);
                // Sub-totals in one sentence; a plain amount reads better as its own loss ("She eats 4.").
                if (plan.Terms.Any(t => t.IsProduct))
                {
                    Say(f.Use, list: List(plan.Terms.Where(t => t.IsProduct).Select(TermPhrase)));
                }
                foreach (var plain in plan.Terms.Where(t => !t.IsProduct))
                {
                    Say(f.PlainUseSentence, n: plain.Count);
                }
                Trailing(plan);
                Say(EndsInSplit(plan) ? f.SplitQuestion : LeftQuestion);
                break;
            default:
                throw new InvalidOperationException($"unknown plan kind {plan.Kind}");
        }
        return string.Join(' ', _sentences);
    }

    private static bool EndsInSplit(ProblemPlan plan) => plan.Ops.Count > 0 && plan.Ops[^1].Op == '/';

    private void Trailing(ProblemPlan plan)
    {
        foreach (var op in plan.Ops)
        {
            Say(op.Op == '*' ? _family.Repeat : _family.Split, k: op.Operand);
        }
    }

    private string TermPhrase(Term term)
    {
        var thing = _family.Things[term.Thing % _family.Things.Length];
        return term.IsProduct
            ? Fill(_family.Product, c: term.Count, per: term.Per, thing: thing.One, things: thing.Many)
            : Fill(_family.Plain, n: term.Count, thing: thing.One, things: thing.Many);
    }

    private static string List(IEnumerable<string> parts)
    {
        var items = parts.ToList();
        return items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
        };
    }

    private void Say(string template, long n = 0, long k = 0, long per = 0, string? thing = null, string? list = null)
        => _sentences.Add(Fill(template, n: n, k: k, per: per, thing: thing, list: list));

    private string Fill(string template, long n = 0, long c = 0, long per = 0, long k = 0, string? thing = null, string? things = null, string? list = null)
    {
        var builder = new StringBuilder(template);
        if (template.Contains("{who}", StringComparison.Ordinal))
        {
            builder.Replace("{who}", _named ? _person.Subject : _person.Name);
            _named = true;
        }
        builder.Replace("{p}", _family.Impersonal ? "it" : _person.Subject.ToLowerInvariant())
            .Replace("{his}", _family.Impersonal ? "its" : _person.Possessive)
            .Replace("{item}", _family.Item)
            .Replace("{n}", Number(n))
            .Replace("{c}", Number(c))
            .Replace("{per}", Number(per))
            .Replace("{k}", Number(k))
            .Replace("{thing}", thing ?? "")
            .Replace("{things}", things ?? "")
            .Replace("{list}", list ?? "");
        return builder.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
