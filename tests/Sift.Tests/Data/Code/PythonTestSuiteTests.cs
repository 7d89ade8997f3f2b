using Sift.Sandbox;
using Sift.Data.Code;

namespace Sift.Tests.Data.Code;

public sealed class PythonTestSuiteTests
{
    [Fact]
    public void Round_trips_through_compact_json()
    {
        var suite = new PythonTestSuite("f", [PythonTestCase.Of(11, 3), PythonTestCase.Of("olleh", "hello"), PythonTestCase.Of(6, new[] { 1, 2, 3 })]);
        var json = suite.ToJson();
        Assert.Equal("""{"entry":"f","tests":[{"args":[3],"expected":11},{"args":["hello"],"expected":"olleh"},{"args":[[1,2,3]],"expected":6}]}""", json);
        var back = PythonTestSuite.Parse(json);
        Assert.Equal("f", back.EntryPoint);
        Assert.Equal(json, back.ToJson());
        Assert.Equal("""{"entry":"f","inputs":[[3],["hello"],[[1,2,3]]]}""", suite.InputsJson());
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("""{"entry":"1f","tests":[]}""", "'entry'")]
    [InlineData("""{"entry":"f"}""", "'tests'")]
    [InlineData("""{"entry":"f","tests":[{"expected":1}]}""", "tests[0].args")]
    [InlineData("""{"entry":"f","tests":[{"args":[]}]}""", "tests[0].expected")]
    public void Bad_json_names_the_field(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PythonTestSuite.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
