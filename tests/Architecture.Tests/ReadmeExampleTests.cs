using System.Text.RegularExpressions;

namespace Platform.Architecture.Tests;

/// <summary>
/// The README's "Every service starts the same way" example is shown for routing; every stateful service (one with a
/// <c>Persistence</c> folder) must have its code lines, with its own names, in the same order. Its features may add
/// lines in between.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    private const string ExampleService = "Routing";

    public static TheoryData<string> StatefulServices() => new(StatefulServiceNames());

    private static List<string> StatefulServiceNames() =>
        Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "services"))
            .Where(d => Directory.Exists(Path.Combine(d, "Persistence")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_example_is_the_startup_of_a_stateful_service_with_its_durable_messaging_lines()
    {
        var example = ExampleLines();

        Assert.Contains(ExampleService, StatefulServiceNames());
        Assert.Contains(example, l => l.StartsWith("builder.AddServiceDatabase<", StringComparison.Ordinal));
        Assert.Contains(example, l => l.StartsWith("bus.SetPostgresSagaRepositoryProvider<", StringComparison.Ordinal));
        Assert.Contains(example, l => l.StartsWith("bus.AddPostgresOutbox<", StringComparison.Ordinal));
        Assert.Contains(example, l => l.StartsWith("bus.AddPostgresMessageScheduler<", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StatefulServices))]
    public void Every_stateful_service_starts_as_the_readme_shows(string service)
    {
        var expected = ExampleLines()
            .Select(l => l.Replace(ExampleService, service, StringComparison.Ordinal)
                .Replace(ExampleService.ToLowerInvariant(), service.ToLowerInvariant(), StringComparison.Ordinal))
            .ToList();
        var program = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "services", service, "Program.cs"))
            .Select(l => l.Trim())
            .ToList();

        var at = 0;
        foreach (var line in expected)
        {
            var found = program.IndexOf(line, at);
            Assert.True(found >= 0, $"services/{service}/Program.cs lacks, after line {at}, the README's line: {line}");
            at = found + 1;
        }
    }

    /// <summary>The code lines of the README's example, comments and blank lines removed, trimmed.</summary>
    private static List<string> ExampleLines()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var section = readme[readme.IndexOf("## Every service starts the same way", StringComparison.Ordinal)..];
        var code = CodeBlock().Match(section);
        Assert.True(code.Success, "README.md: no ```csharp block under 'Every service starts the same way'");
        return code.Groups[1].Value.Split('\n')
            .Select(l => TrailingComment().Replace(l, "").Trim())
            .Where(l => l.Length > 0)
            .ToList();
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\s+//.*$")]
    private static partial Regex TrailingComment();
}
