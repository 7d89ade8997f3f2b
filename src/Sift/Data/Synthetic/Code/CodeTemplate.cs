using Sift.Data.Code;

namespace Sift.Data.Synthetic.Code;

/// <summary>What one template family produces for one draw: the instruction, the reference code and the tests.</summary>
internal readonly record struct CodeTemplate(string Family, int Difficulty, string Question, string Code, IReadOnlyList<PythonTestCase> Tests);
