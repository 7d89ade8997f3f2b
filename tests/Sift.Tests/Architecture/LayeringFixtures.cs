// Types the layering test scans as if they were in a given layer, to prove that the checker sees a
// use wherever it is: in a lambda, in a closure, in an iterator, as a generic argument only, in an
// attribute's typeof argument. Nothing calls them.
#pragma warning disable CA1812 // never instantiated: only scanned
namespace Sift.Tests.Architecture.Fixtures
{
    /// <summary>Scanned as layer Tensors: a Reports call only inside a static lambda's body.</summary>
    internal static class UsesInLambda
    {
        public static Func<string, string> Make() => s => Sift.Reports.Markup.Escape(s);
    }

    /// <summary>Scanned as layer Tensors: an `is Experiment` test only inside a capturing closure.</summary>
    internal sealed class UsesInClosure
    {
        public static int Count(IEnumerable<object> items, int k) => items.Count(o => o is Sift.Pipelines.Experiment && k > 0);
    }

    /// <summary>Scanned as layer Tensors: a Pipelines record only inside an iterator's state machine.</summary>
    internal static class UsesInIterator
    {
        public static IEnumerable<int> Seeds()
        {
            yield return new Sift.Pipelines.ResultRow("x", 1, []).K;
        }
    }

    /// <summary>Scanned as layer Tensors: a Pipelines type only as a generic argument of a field.</summary>
    internal sealed class UsesAsGenericArgument
    {
        private readonly List<Sift.Pipelines.Experiment> _experiments = [];
        public int Count => _experiments.Count;
    }

    [AttributeUsage(AttributeTargets.Class)]
    internal sealed class MarksTypeAttribute(Type type) : Attribute
    {
        public Type Type { get; } = type;
    }

    /// <summary>Scanned as layer Tensors: a Pipelines type only in an attribute's typeof argument.</summary>
    [MarksType(typeof(Sift.Pipelines.Experiment))]
    internal sealed class UsesInAttribute;

    /// <summary>Scanned as layer Tensors: the CLI assembly, which the library must never use.</summary>
    internal static class UsesCli
    {
        public static object Root() => Sift.Cli.CommandCatalog.BuildRoot();
    }

    /// <summary>Scanned as layer Tensors: only its own layer (no violation).</summary>
    internal static class UsesOwnLayer
    {
        public static int Threads() => Sift.Tensors.ParallelPlan.ThreadCount;
    }

    /// <summary>Scanned as layer Text: Model is above Text, but Text knows nothing of models.</summary>
    internal static class TextUsesModel
    {
        public static int Hidden() => new Sift.Model.ModelConfig().HiddenSize;
    }

    /// <summary>Scanned as layer Pipelines: Reports shares its row (no violation).</summary>
    internal static class PipelinesUsesReports
    {
        public static string Escape(string s) => Sift.Reports.Markup.Escape(s);
    }
}
