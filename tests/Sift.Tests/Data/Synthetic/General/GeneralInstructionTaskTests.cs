using Sift.Data;
using Sift.Data.Synthetic.General;
using Sift.Rewards;

namespace Sift.Tests.Data.Synthetic.General;

public sealed class GeneralInstructionTaskTests
{
    [Fact]
    public void The_same_seed_gives_the_same_instructions_and_another_seed_others()
    {
        var a = GeneralInstructionTask.TrainTest(5, 200, 50);
        var b = GeneralInstructionTask.TrainTest(5, 200, 50);
        var c = GeneralInstructionTask.TrainTest(6, 200, 50);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Train.Select(p => p.Question), c.Train.Select(p => p.Question));
        // Instruction i depends only on (seed, i), not on how many are asked for.
        var generator = new GeneralInstructionGenerator(5);
        Assert.Equal(generator.Generate(17), new GeneralInstructionGenerator(5).Generate(17));
    }

    [Fact]
    public void Train_and_test_are_disjoint_distinct_and_of_the_asked_sizes()
    {
        var split = GeneralInstructionTask.TrainTest(3, 800, 200);
        Assert.Equal(800, split.Train.Count);
        Assert.Equal(200, split.Test.Count);
        var train = split.Train.Select(p => QuestionKey.Of(p.Question)).ToHashSet();
        var test = split.Test.Select(p => QuestionKey.Of(p.Question)).ToHashSet();
        Assert.Equal(800, train.Count);
        Assert.Equal(200, test.Count);
        Assert.Empty(train.Intersect(test));
    }

    [Fact]
    public void Every_family_occurs_and_every_reference_response_earns_the_reward()
    {
        var (train, test) = GeneralInstructionTask.TrainTestDetailed(9, 500, 100);
        var all = train.Concat(test).ToArray();
        Assert.Equal(Enum.GetValues<InstructionFamily>().Order(), all.Select(i => i.Family).Distinct().Order());
        var reward = new InstructionFollowingReward();
        foreach (var item in all)
        {
            var p = item.Problem;
            Assert.Equal(GeneralInstructionGenerator.SourceName, p.Source);
            Assert.Equal(p.Answer, p.Solution);
            Assert.True(reward.Score(p, p.Solution).Rewarded, p.Question);
            Assert.InRange(p.Solution.Length, 1, 40);
        }
    }

    [Theory]
    [InlineData(InstructionFamily.UpperCaseList)]
    [InlineData(InstructionFamily.ReverseList)]
    [InlineData(InstructionFamily.SortWords)]
    [InlineData(InstructionFamily.CountLetter)]
    [InlineData(InstructionFamily.LookupValue)]
    public void Each_familys_answer_is_what_its_instruction_asks(InstructionFamily family)
    {
        var (train, _) = GeneralInstructionTask.TrainTestDetailed(4, 300, 0);
        var items = train.Where(i => i.Family == family).Take(20).ToArray();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var q = item.Problem.Question;
            var a = item.Problem.Answer;
            switch (family)
            {
                case InstructionFamily.UpperCaseList:
                    var words = q["Write the words ".Length..q.IndexOf(" in upper case", StringComparison.Ordinal)].Split(' ');
                    Assert.Equal(string.Join(", ", words.Select(w => w.ToUpperInvariant())), a);
                    break;
                case InstructionFamily.ReverseList:
                    Assert.Equal(string.Join(' ', q["Reverse the list: ".Length..].Split(' ').Reverse()), a);
                    break;
                case InstructionFamily.SortWords:
                    Assert.Equal(string.Join(' ', q["Sort the words alphabetically: ".Length..].Split(' ').Order(StringComparer.Ordinal)), a);
                    break;
                case InstructionFamily.CountLetter:
                    var letter = q["How many times does the letter ".Length];
                    var text = q[(q.LastIndexOf(' ') + 1)..^1];
                    Assert.Equal(text.Count(ch => ch == letter).ToString(System.Globalization.CultureInfo.InvariantCulture), a);
                    break;
                case InstructionFamily.LookupValue:
                    var key = q[(q.LastIndexOf(' ') + 1)..^1];
                    var table = q["Table: ".Length..q.IndexOf(". What", StringComparison.Ordinal)].Split(", ").Select(e => e.Split('=')).ToDictionary(e => e[0], e => e[1]);
                    Assert.Equal(table[key], a);
                    break;
            }
        }
    }
}
