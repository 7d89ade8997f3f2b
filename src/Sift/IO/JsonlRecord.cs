using System.Text.Json.Nodes;

namespace Sift.IO;

/// <summary>One object of a JSONL file and the 1-based line it came from.</summary>
public readonly record struct JsonlRecord(int LineNumber, JsonObject Object);
