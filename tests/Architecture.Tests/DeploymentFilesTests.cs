using System.Text.RegularExpressions;

namespace Platform.Architecture.Tests;

/// <summary>
/// What can be checked of the container set-up without a Docker engine (compose syntax itself is checked by
/// <c>docker-compose config -q</c> in <c>./platform test</c>): every image builds a project that exists from files that exist.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    [Fact]
    public void Every_service_built_by_compose_is_a_project_in_the_repository_and_every_service_is_in_compose()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker-compose.yml"));
        var built = ServiceArgument().Matches(compose).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var services = Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "services")).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        Assert.All(built, s => Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, $"services/{s}/{s}.csproj")), $"services/{s}/{s}.csproj"));
        Assert.Equal(services.Order(StringComparer.Ordinal), built.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("services/Dockerfile")]
    [InlineData("tests/SinchEmulator/Dockerfile")]
    public void Every_file_a_dockerfile_copies_from_the_build_context_exists(string dockerfile)
    {
        var missing = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, dockerfile))
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .Select(source => source.Replace("${SERVICE}", "Routing", StringComparison.Ordinal))
            .Where(source => !File.Exists(Path.Combine(RepositoryFiles.Root, source)) && !Directory.Exists(Path.Combine(RepositoryFiles.Root, source)));

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"SERVICE:\s*(\w+)")]
    private static partial Regex ServiceArgument();
}
