using System.Globalization;

namespace Platform.AppHost;

/// <summary>How every platform process is described: fixed loopback port, readiness, telemetry, settings.</summary>
internal static class PlatformResources
{
    /// <summary>
    /// A service on its fixed local port, started once RabbitMQ and PostgreSQL answer, with the broker and (when
    /// stateful) its own database. Aspire passes <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> to every project, so the
    /// service's telemetry reaches the dashboard without further settings.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, int port, PlatformInfrastructure infrastructure, bool stateful)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddPlatformProject<TProject>(name, port)
            .WithReference(infrastructure.Broker)
            .WithHttpHealthCheck("/health/ready");
        if (stateful)
        {
            service.WithReference(infrastructure.Database(name), connectionName: name);
        }

        return infrastructure.WaitFor(service);
    }

    /// <summary>A .NET project of the platform on a fixed loopback port, in the app host's environment.</summary>
    public static IResourceBuilder<ProjectResource> AddPlatformProject<TProject>(
        this IDistributedApplicationBuilder builder, string name, int port)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName);

    /// <summary>Points one of the gateway's YARP clusters at a service (the gateway's routes stay in its own settings).</summary>
    public static IResourceBuilder<ProjectResource> WithDestination(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> service) =>
        gateway.WithEnvironment(
                $"ReverseProxy__Clusters__{service.Resource.Name}__Destinations__primary__Address",
                service.GetEndpoint("http"))
            .WaitFor(service);

    public static string Invariant(this int value) => value.ToString(CultureInfo.InvariantCulture);
}
