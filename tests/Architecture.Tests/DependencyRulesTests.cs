using System.Xml.Linq;

namespace Platform.Architecture.Tests;

public sealed class DependencyRulesTests
{
    [Fact]
    public void Services_reference_shared_building_blocks_only_never_each_other()
    {
        var violations = RepositoryFiles.ProjectFiles("services")
            .SelectMany(p => RepositoryFiles.ProjectReferences(p).Select(r => (Project: p, Reference: RepositoryFiles.Relative(r))))
            .Where(x => !x.Reference.StartsWith("shared/", StringComparison.Ordinal))
            .Select(x => $"{RepositoryFiles.Relative(x.Project)} -> {x.Reference}");

        Assert.Empty(violations);
    }

    [Fact]
    public void Contracts_depend_on_nothing()
    {
        var contracts = Path.Combine(RepositoryFiles.Root, "shared/Contracts/Contracts.csproj");

        Assert.Empty(RepositoryFiles.ProjectReferences(contracts));
        Assert.Empty(RepositoryFiles.PackageReferences(contracts));
    }

    [Fact]
    public void Service_defaults_drag_in_neither_messaging_nor_persistence()
    {
        var project = Path.Combine(RepositoryFiles.Root, "shared/ServiceDefaults/ServiceDefaults.csproj");
        var packages = RepositoryFiles.PackageReferences(project).Select(p => p.Attribute("Include")!.Value);

        Assert.DoesNotContain(packages, p => p.StartsWith("MassTransit", StringComparison.Ordinal) || p.Contains("EntityFramework", StringComparison.Ordinal));
        Assert.Empty(RepositoryFiles.ProjectReferences(project));
    }

    [Fact]
    public void The_sinch_emulator_shares_no_code_with_the_platform()
    {
        var project = Path.Combine(RepositoryFiles.Root, "tests/SinchEmulator/SinchEmulator.csproj");

        Assert.Empty(RepositoryFiles.ProjectReferences(project));
    }

    [Fact]
    public void Package_versions_are_set_centrally_only()
    {
        var withVersion = RepositoryFiles.ProjectFiles("services").Concat(RepositoryFiles.ProjectFiles("shared")).Concat(RepositoryFiles.ProjectFiles("tests"))
            .SelectMany(p => RepositoryFiles.PackageReferences(p).Where(r => r.Attribute("Version") is not null).Select(r => $"{RepositoryFiles.Relative(p)}: {r.Attribute("Include")!.Value}"));

        Assert.Empty(withVersion);
    }

    [Fact]
    public void MassTransit_stays_on_the_open_source_8_5_line()
    {
        var props = XDocument.Load(Path.Combine(RepositoryFiles.Root, "Directory.Packages.props"));
        var version = props.Descendants("MassTransitVersion").Single().Value;

        Assert.StartsWith("8.5.", version, StringComparison.Ordinal);
        Assert.All(
            props.Descendants("PackageVersion").Where(p => p.Attribute("Include")!.Value.StartsWith("MassTransit", StringComparison.Ordinal)),
            p => Assert.Equal("$(MassTransitVersion)", p.Attribute("Version")!.Value));
    }
}
