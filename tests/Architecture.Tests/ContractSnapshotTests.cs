using System.Reflection;
using System.Text;
using Platform.Contracts;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every contract's wire shape, written to <c>contracts.approved.txt</c>. A change to a contract shows up as a diff of
/// that file in review: that diff is the versioning conversation (docs/architecture.md, "Contracts": additive only).
/// </summary>
public sealed class ContractSnapshotTests
{
    private static readonly Assembly Contracts = typeof(ChannelIdentity).Assembly;

    [Fact]
    public void Contract_shapes_match_the_approved_snapshot()
    {
        var approvedPath = Path.Combine(RepositoryFiles.Root, "tests/Architecture.Tests/contracts.approved.txt");
        var receivedPath = approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal);
        var current = Describe();
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";

        if (current != approved)
        {
            File.WriteAllText(receivedPath, current);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.True(
            current == approved,
            $"Contracts changed. Review {RepositoryFiles.Relative(receivedPath)}; if every change is additive (new optional property or new type), copy it over contracts.approved.txt.");
    }

    [Fact]
    public void Every_message_is_a_sealed_record_with_init_only_properties_in_one_namespace()
    {
        var problems = new List<string>();
        foreach (var type in MessageTypes())
        {
            if (type.Namespace != "Platform.Contracts")
            {
                problems.Add($"{type.FullName}: namespace must be Platform.Contracts (it is part of the wire name)");
            }

            if (!type.IsSealed || type.GetMethod("<Clone>$") is null)
            {
                problems.Add($"{type.Name}: must be a sealed record");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
            {
                var setter = property.SetMethod;
                if (setter is null || !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                {
                    problems.Add($"{type.Name}.{property.Name}: must be {{ get; init; }}");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static IEnumerable<Type> MessageTypes() =>
        Contracts.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false }).OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static string Describe()
    {
        var text = new StringBuilder();
        foreach (var type in MessageTypes())
        {
            text.Append(type.FullName).Append('\n');
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.Name != "EqualityContract")
                         .OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var required = property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute") ? "required " : "";
                var nullable = new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable ? "?" : "";
                text.Append("  ").Append(required).Append(TypeName(property.PropertyType)).Append(nullable).Append(' ').Append(property.Name).Append('\n');
            }
        }

        // Well-known values of open string sets (InboundMessageKinds, ...) are contract too: consumers compare to them.
        foreach (var values in Contracts.GetExportedTypes().Where(t => t is { IsAbstract: true, IsSealed: true }).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var constants = values.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
            if (constants.Count == 0)
            {
                continue;
            }

            text.Append(values.FullName).Append(" (values)\n");
            foreach (var constant in constants.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                text.Append("  ").Append(constant.Name).Append(" = ").Append(constant.GetRawConstantValue()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying);
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
