using System.CommandLine;

namespace Sift.Cli.Commands;

/// <summary>`sift version`: prints the library version and the runtime's SIMD width.</summary>
public sealed class VersionCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("version", "Print the Sift version and what the CPU offers (SIMD width, cores).");
        command.SetAction(_ =>
        {
            Console.WriteLine($"sift {SiftInfo.Version}");
            Console.WriteLine($"cores: {Environment.ProcessorCount}, Vector512: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
            return 0;
        });
        return command;
    }
}
