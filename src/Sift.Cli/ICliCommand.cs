using System.CommandLine;

namespace Sift.Cli;

/// <summary>
/// One top-level `sift` command. Every implementation in this assembly with a public
/// parameterless constructor is found by <see cref="CommandCatalog"/>, so adding a command
/// means adding one file and touching nothing else.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command (name, options, action).</summary>
    Command Build();
}
