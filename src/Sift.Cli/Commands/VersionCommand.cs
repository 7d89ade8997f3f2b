using System.CommandLine;

namespace Sift.Cli.Commands;

/// <summary>`sift version`: prints the library version and commit and the run environment (GEMM, threads, CPU, SIMD, OS, .NET).</summary>
public sealed class VersionCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("version", "Print the Sift version and commit, and the environment results.json records (GEMM, threads, CPU, SIMD width, OS, .NET).");
        command.SetAction(_ =>
        {
            // The same record every results.json carries as "environment".
            Console.Write(Sift.Runs.RunEnvironment.Capture().ToText());
            return 0;
        });
        return command;
    }
}
