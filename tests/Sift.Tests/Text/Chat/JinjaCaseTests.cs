using System.Globalization;
using System.Text.Json;
using Sift.Text.Chat;

namespace Sift.Tests.Text.Chat;

/// <summary>
/// One Jinja feature per case (whitespace control, scoping, operators, filters, tests, methods, value
/// printing, errors), rendered by Python's Jinja2 as transformers configures it
/// (tests/reference/make_jinja_cases.py). Sift must print the same text, fail where Jinja2 fails, and
/// refuse what it does not implement, always with the template position.
/// </summary>
public sealed class JinjaCaseTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        var n = ChatTestData.JinjaCases.Value.RootElement.GetProperty("cases").GetArrayLength();
        for (var i = 0; i < n; i++) data.Add(i);
        return data;
    }

    private static readonly Lazy<Dictionary<string, JinjaValue>> Context = new(() =>
        ChatTestData.JinjaCases.Value.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => JinjaJson.FromJson(p.Value)));

    private static DateTime Now => DateTime.Parse(ChatTestData.JinjaCases.Value.RootElement.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_jinja2(int index)
    {
        var c = ChatTestData.JinjaCases.Value.RootElement.GetProperty("cases")[index];
        var source = c.GetProperty("template").GetString()!;
        string Render() => JinjaTemplate.Parse(source, "case").Render(Context.Value, Now);
        if (c.TryGetProperty("expected", out var expected))
        {
            string got;
            try
            {
                got = Render();
            }
            catch (JinjaException e)
            {
                throw new Xunit.Sdk.XunitException($"case {index} {JsonSerializer.Serialize(source)} failed: {e.Message}\n want {JsonSerializer.Serialize(expected.GetString())}");
            }
            Assert.True(expected.GetString() == got, $"case {index} {JsonSerializer.Serialize(source)}:\n want {JsonSerializer.Serialize(expected.GetString())}\n got  {JsonSerializer.Serialize(got)}");
            return;
        }
        var why = c.TryGetProperty("error", out var err) ? $"Jinja2 raises {err.GetString()}" : $"unsupported (Jinja2 gives {c.GetProperty("jinja2")})";
        JinjaException? thrown = null;
        string? output = null;
        try
        {
            output = Render();
        }
        catch (JinjaException e)
        {
            thrown = e;
        }
        Assert.True(thrown is not null, $"case {index} {JsonSerializer.Serialize(source)} rendered {JsonSerializer.Serialize(output)}, but {why}");
        Assert.StartsWith("case:", thrown!.Message, StringComparison.Ordinal);
        Assert.True(thrown.Position.Line >= 1 && thrown.Position.Column >= 1, $"no position in: {thrown.Message}");
    }
}
