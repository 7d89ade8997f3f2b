namespace Sift.Pipelines;

/// <summary>A bad experiment config; the message names the file, line and field.</summary>
public sealed class ExperimentConfigException(string message, Exception? inner = null) : Exception(message, inner);
