using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace Sift.Cli;

/// <summary>Builds the root `sift` command from every <see cref="ICliCommand"/> in this assembly.</summary>
public static class CommandCatalog
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Commands live in this assembly, which is never trimmed.")]
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("sift: fine-tune language models for math reasoning on their own verified samples (SFT, RFT, ReST-EM, re-ranking, DMT).");
        var commands = typeof(CommandCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
