namespace Sift.IO.Yaml;

/// <summary>A bad config file (experiment, mix, sweep, training); the message names the file, line and field.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
