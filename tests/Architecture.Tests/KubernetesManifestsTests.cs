using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Platform.Architecture.Tests;

/// <summary>
/// The Kubernetes manifests checked without a cluster: what <c>kubectl apply -k</c> would only reveal in production
/// (a probe on a port that does not exist, a secret nobody is told to create, autoscaling on a queue that was renamed).
/// </summary>
public sealed partial class KubernetesManifestsTests
{
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, "deploy", "kubernetes");

    [Fact]
    public void Kustomization_lists_every_manifest_and_every_listed_manifest_exists()
    {
        var listed = Kustomization().Children[new YamlScalarNode("resources")].AllScalars().ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_document_names_its_api_kind_and_name()
    {
        Assert.All(Documents(), d =>
        {
            Assert.False(string.IsNullOrEmpty(d.Scalar("apiVersion")), d.ToString());
            Assert.False(string.IsNullOrEmpty(d.Scalar("kind")), d.ToString());
            Assert.False(string.IsNullOrEmpty(d.Map("metadata").Scalar("name")), d.ToString());
        });
    }

    [Fact]
    public void Every_service_has_a_deployment_and_a_service_that_selects_it()
    {
        var deployments = Documents().Where(d => d.Scalar("kind") == "Deployment").ToDictionary(d => d.Map("metadata").Scalar("name")!);
        var services = Documents().Where(d => d.Scalar("kind") == "Service").ToList();

        foreach (var name in ServiceNames())
        {
            Assert.True(deployments.TryGetValue(name, out var deployment), $"no Deployment {name}");
            var spec = deployment.Map("spec");
            var podLabels = spec.Map("template").Map("metadata").Map("labels");
            Assert.All(spec.Map("selector").Map("matchLabels").Children, l => Assert.Equal(l.Value.ToString(), podLabels.Scalar(l.Key.ToString())));
            Assert.Contains(services, s => s.Map("metadata").Scalar("name") == name
                && s.Map("spec").Map("selector").Children.All(l => podLabels.Scalar(l.Key.ToString()) == l.Value.ToString()));
        }
    }

    [Fact]
    public void Probes_use_the_health_endpoints_on_ports_the_container_declares_and_metrics_are_scraped_where_they_are_served()
    {
        foreach (var deployment in Documents().Where(d => d.Scalar("kind") == "Deployment"))
        {
            var name = deployment.Map("metadata").Scalar("name");
            var template = deployment.Map("spec").Map("template");
            var container = (YamlMappingNode)template.Map("spec").Seq("containers").Children[0];
            var ports = container.Seq("ports").Children.Cast<YamlMappingNode>().ToDictionary(p => p.Scalar("name")!, p => p.Scalar("containerPort"));

            // The gateway's readiness is deliberately its liveness (gateway.yaml says why); every other is /health/ready.
            Assert.Contains(container.Map("readinessProbe").Map("httpGet").Scalar("path"), new[] { "/health/ready", "/health/live" });
            Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Scalar("path"));
            foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            {
                var port = container.Map(probe).Map("httpGet").Scalar("port")!;
                Assert.True(ports.ContainsKey(port), $"{name}: {probe} on undeclared port {port}");
            }

            var annotations = template.Map("metadata").Map("annotations");
            Assert.Equal("true", annotations.Scalar("prometheus.io/scrape"));
            Assert.Equal(ports["metrics"], annotations.Scalar("prometheus.io/port"));
            var environment = Environment(container);
            Assert.Equal(ports["metrics"], environment["Telemetry__MetricsPort"].Scalar("value"));
            Assert.Contains($":{ports["metrics"]}", environment["ASPNETCORE_URLS"].Scalar("value"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_required_secret_and_config_map_key_is_one_the_kustomization_says_how_to_create()
    {
        var instructions = File.ReadAllText(Path.Combine(Folder, "kustomization.yaml"));
        var references = Documents().Where(d => d.Scalar("kind") == "Deployment")
            .SelectMany(d => Environment((YamlMappingNode)d.Map("spec").Map("template").Map("spec").Seq("containers").Children[0]).Values)
            .Select(v => v.Children.TryGetValue(new YamlScalarNode("valueFrom"), out var from) ? (YamlMappingNode)from : null)
            .OfType<YamlMappingNode>()
            .Select(from => from.Children.Values.Cast<YamlMappingNode>().Single())
            .Where(reference => reference.Scalar("optional") != "true");

        Assert.All(references, reference =>
        {
            var secret = reference.Scalar("name");
            var key = reference.Scalar("key");
            var creation = instructions.Split('\n').SkipWhile(l => !l.Contains($" {secret} ", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('#'));
            Assert.True(creation.Any(l => l.Contains($"{key}=", StringComparison.Ordinal)), $"{secret}/{key} is read but kustomization.yaml does not say how to create it");
        });
    }

    /// <summary>
    /// KEDA reads queue depth by name, and a renamed consumer renames its queue silently: each queue must still be
    /// the endpoint name MassTransit gives a consumer or saga of the service the object scales (service prefix, then
    /// the kebab-case consumer name without <c>Consumer</c>, or the saga state's name).
    /// </summary>
    [Fact]
    public void Autoscaling_targets_existing_deployments_on_queues_their_service_consumes()
    {
        var deployments = Documents().Where(d => d.Scalar("kind") == "Deployment").Select(d => d.Map("metadata").Scalar("name")).ToHashSet();
        var scaled = Documents().Where(d => d.Scalar("kind") == "ScaledObject").ToList();
        Assert.NotEmpty(scaled);

        foreach (var scaledObject in scaled)
        {
            var target = scaledObject.Map("spec").Map("scaleTargetRef").Scalar("name")!;
            Assert.Contains(target, deployments);
            var service = ServiceNames().Single(s => s == target);
            var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "services", Pascal(service)), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
            foreach (var trigger in scaledObject.Map("spec").Seq("triggers").Children.Cast<YamlMappingNode>().Where(t => t.Scalar("type") == "rabbitmq"))
            {
                var queue = trigger.Map("metadata").Scalar("queueName")!;
                Assert.StartsWith($"{service}-", queue, StringComparison.Ordinal);
                var type = Pascal(queue[(service.Length + 1)..]);
                Assert.True(
                    Regex.IsMatch(sources, $@"class {type}Consumer\b") || Regex.IsMatch(sources, $@"class {type}\b[^{{]*SagaStateMachineInstance"),
                    $"{queue}: no {type}Consumer or saga state {type} in services/{Pascal(service)}");
            }
        }
    }

    private static IEnumerable<string> ServiceNames() =>
        Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "services")).Select(d => Path.GetFileName(d).ToLowerInvariant());

    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static Dictionary<string, YamlMappingNode> Environment(YamlMappingNode container) =>
        container.Seq("env").Children.Cast<YamlMappingNode>().ToDictionary(e => e.Scalar("name")!);

    private static YamlMappingNode Kustomization() => Load("kustomization.yaml").Single();

    private static List<YamlMappingNode> Documents() =>
        Kustomization().Children[new YamlScalarNode("resources")].AllScalars().SelectMany(Load).ToList();

    private static IEnumerable<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>();
    }
}

/// <summary>Navigation over YamlDotNet's node model that fails with the missing key's name.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)Child(node, key);

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) => (YamlSequenceNode)Child(node, key);

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static IEnumerable<string> AllScalars(this YamlNode node) =>
        ((YamlSequenceNode)node).Children.OfType<YamlScalarNode>().Select(s => s.Value!);

    private static YamlNode Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : throw new KeyNotFoundException($"'{key}' missing in {node.Start}");
}
