using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost;

/// <summary>
/// RabbitMQ and PostgreSQL for the platform. Where a Docker engine answers they are Aspire's container resources;
/// otherwise they are executables started from the machine's own binaries by the same <c>platform</c> script that
/// <c>./platform test</c> uses (<c>serve-postgres</c>, <c>serve-rabbitmq</c>), so a machine without Docker runs the
/// whole platform too. Either way each service gets <c>ConnectionStrings:rabbitmq</c> and its own database's
/// <c>ConnectionStrings:{service}</c>.
/// </summary>
internal sealed class PlatformInfrastructure
{
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> database;
    private readonly IReadOnlyList<IResourceBuilder<IResource>> servers;

    private PlatformInfrastructure(
        IResourceBuilder<IResourceWithConnectionString> broker,
        Func<string, IResourceBuilder<IResourceWithConnectionString>> database,
        IReadOnlyList<IResourceBuilder<IResource>> servers)
    {
        Broker = broker;
        this.database = database;
        this.servers = servers;
    }

    /// <summary>The broker's connection string, named <c>rabbitmq</c> as the Messaging block reads it.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Broker { get; }

    /// <summary>
    /// A service's own database (resource <c>{name}-db</c>, database <c>{name}</c>); reference it as <c>{name}</c>, the
    /// connection string name <c>AddServiceDatabase</c> reads.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => database(name);

    /// <summary>Makes <paramref name="resource"/> start only once both servers answer.</summary>
    public IResourceBuilder<T> WaitFor<T>(IResourceBuilder<T> resource)
        where T : IResourceWithWaitSupport
    {
        foreach (var server in servers)
        {
            resource.WaitFor(server);
        }

        return resource;
    }

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder, PlatformSettings settings)
    {
        var mode = settings.Infrastructure is { Length: > 0 } chosen ? chosen : DockerEngineAnswers() ? "containers" : "executables";
        return mode switch
        {
            "containers" => AddContainers(builder),
            "executables" => AddExecutables(builder, settings),
            _ => throw new InvalidOperationException($"Platform:Infrastructure must be 'containers' or 'executables', not '{mode}'."),
        };
    }

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var rabbitmq = builder.AddRabbitMQ("rabbitmq").WithManagementPlugin();
        var postgres = builder.AddPostgres("postgres");
        var databases = new Dictionary<string, IResourceBuilder<IResourceWithConnectionString>>();
        return new PlatformInfrastructure(
            rabbitmq,
            name => databases.TryGetValue(name, out var existing) ? existing : databases[name] = postgres.AddDatabase($"{name}-db", databaseName: name),
            [rabbitmq, postgres]);
    }

    private static PlatformInfrastructure AddExecutables(IDistributedApplicationBuilder builder, PlatformSettings settings)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var pg = settings.PostgresPort.ToString(CultureInfo.InvariantCulture);
        var amqp = settings.AmqpPort.ToString(CultureInfo.InvariantCulture);
        var management = new Uri($"http://127.0.0.1:{settings.AmqpPort + 1}/");
        var postgresAdmin = $"Host=127.0.0.1;Port={pg};Username=postgres;Password=postgres";

        builder.Services.AddHealthChecks()
            .AddCheck("postgres-answers", new PostgresAnswersCheck(postgresAdmin))
            .AddCheck("rabbitmq-answers", new RabbitMqAnswersCheck(management));
        // The script execs the server in the foreground, so stopping the resource stops the server itself.
        var postgres = builder.AddExecutable("postgres-server", "bash", root, "platform", "serve-postgres", pg)
            .WithHealthCheck("postgres-answers");
        var rabbitmq = builder.AddExecutable("rabbitmq-server", "bash", root, "platform", "serve-rabbitmq", amqp)
            .WithHealthCheck("rabbitmq-answers");

        var broker = builder.AddConnectionString("rabbitmq", ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{amqp}/"));
        return new PlatformInfrastructure(
            broker,
            name => builder.AddConnectionString($"{name}-db", ReferenceExpression.Create($"{postgresAdmin};Database={name}")),
            [postgres, rabbitmq]);
    }

    private static bool DockerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (docker is null)
            {
                return false;
            }

            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill();
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
