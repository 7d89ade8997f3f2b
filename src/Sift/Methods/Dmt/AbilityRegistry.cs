using Sift.Model.Sampling;
namespace Sift.Methods.Dmt;

/// <summary>
/// The abilities a DMT config can name, each a factory from <see cref="AbilityOptions"/> to an
/// <see cref="AbilityTask"/>. <see cref="Default"/> is the one place the known abilities are listed.
/// </summary>
public sealed class AbilityRegistry
{
    private readonly Dictionary<string, Func<AbilityOptions, AbilityTask>> _factories = new(StringComparer.Ordinal);

    /// <summary>
    /// The registry `sift mix` and experiments use: "math", "code" (Python tasks run in the sandbox) and
    /// "general", all from this library.
    /// </summary>
    public static AbilityRegistry Default()
    {
        var registry = new AbilityRegistry();
        registry.Register("math", BuiltInAbilities.Math);
        registry.Register("code", BuiltInAbilities.Code);
        registry.Register("general", BuiltInAbilities.General);
        return registry;
    }

    /// <summary>Known ability names, in registration order.</summary>
    public IReadOnlyList<string> Names => _factories.Keys.ToArray();

    /// <summary>Adds (or replaces) the factory of <paramref name="name"/>.</summary>
    public AbilityRegistry Register(string name, Func<AbilityOptions, AbilityTask> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[name] = factory;
        return this;
    }

    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>Builds ability <paramref name="name"/>; the task must carry that name.</summary>
    public AbilityTask Create(string name, AbilityOptions options)
    {
        if (!_factories.TryGetValue(name, out var factory)) throw new ArgumentException($"unknown ability '{name}'; known: {string.Join(", ", Names)}");
        var task = factory(options);
        if (task.Name != name) throw new InvalidOperationException($"the factory of '{name}' built a task named '{task.Name}'");
        return task;
    }

    /// <summary>The tasks of every source of <paramref name="options"/>, each from its own data seed derived by name.</summary>
    public IReadOnlyList<AbilityTask> CreateAll(DmtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Sources.Select(s => Create(s.Name, new AbilityOptions(
            (long)Sift.Model.Sampling.SeedDerivation.DeriveSeed(options.DataSeed, "ability/" + s.Name), s.Train, s.Test))).ToArray();
    }
}
