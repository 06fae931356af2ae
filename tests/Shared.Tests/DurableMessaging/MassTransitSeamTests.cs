using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Platform.DurableMessaging;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging;

/// <summary>
/// Durable messaging depends on MassTransit's internals through one file, MassTransitSeam.cs
/// (docs/durable-messaging.md, "The MassTransit seam"): these rules keep that file the whole truth.
/// </summary>
public sealed partial class MassTransitSeamTests
{
    private const string SeamFile = "MassTransitSeam.cs";

    [Fact]
    public void Every_MassTransit_internal_the_assembly_references_is_listed_in_the_seam_and_nothing_else_is()
    {
        var referenced = InternalTypeReferences(typeof(MassTransitSeam).Assembly.Location);
        var listed = MassTransitSeam.Types.Keys.ToHashSet();

        Assert.Empty(referenced.Except(listed).Select(t => $"referenced but not listed: {t}"));
        Assert.Empty(listed.Except(referenced).Select(t => $"listed but no longer referenced: {t}"));
        Assert.All(MassTransitSeam.Types, t => Assert.False(string.IsNullOrWhiteSpace(t.Value), $"{t.Key} says what it is for"));
    }

    [Fact]
    public void Only_the_seam_file_imports_MassTransit_namespaces_other_than_the_root()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "shared", "DurableMessaging");
        var importers = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != SeamFile && InternalImportOrName().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(folder, f));

        Assert.Empty(importers);
    }

    /// <summary>Types of MassTransit namespaces other than the root one, as the compiled assembly references them.</summary>
    private static HashSet<string> InternalTypeReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            // A nested type's namespace is its outermost declaring type's.
            var outermost = type;
            while (outermost.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                outermost = metadata.GetTypeReference((TypeReferenceHandle)outermost.ResolutionScope);
            }

            var ns = metadata.GetString(outermost.Namespace);
            if (ns.StartsWith("MassTransit.", StringComparison.Ordinal) && outermost.Equals(type))
            {
                names.Add($"{ns}.{metadata.GetString(type.Name)}");
            }
        }

        return names;
    }

    // "using MassTransit.Saga;", "global using MassTransit.Middleware;", or a qualified "MassTransit.Middleware.X".
    [GeneratedRegex(@"(^\s*(global\s+)?using\s+MassTransit\.\w)|(\bMassTransit\.(?!NewId\b)[A-Z]\w*\.[A-Z])", RegexOptions.Multiline)]
    private static partial Regex InternalImportOrName();
}
