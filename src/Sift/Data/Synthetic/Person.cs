namespace Sift.Data.Synthetic;

/// <summary>A named character of a word problem and the pronouns that refer to them.</summary>
internal readonly record struct Person(string Name, bool Female)
{
    public static IReadOnlyList<Person> All { get; } =
    [
        new("Ana", true), new("Ben", false), new("Mia", true), new("Leo", false), new("Zoe", true), new("Sam", false),
        new("Ivy", true), new("Max", false), new("Eva", true), new("Tom", false), new("Lily", true), new("Omar", false),
        new("Nora", true), new("Raj", false), new("Emma", true), new("Jack", false), new("Sara", true), new("Luis", false),
        new("Kate", true), new("Noah", false), new("Amy", true), new("Finn", false), new("Maya", true), new("Eli", false),
        new("Rosa", true), new("Kai", false), new("Lena", true), new("Dan", false),
    ];

    public string Subject => Female ? "She" : "He";

    public string Possessive => Female ? "her" : "his";
}
