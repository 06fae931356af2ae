using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.Testing.Infrastructure;

/// <summary>RabbitMQ (with its management API) and PostgreSQL 15 in containers, on machines with a Docker engine.</summary>
internal static class ContainerServers
{
    private const int ManagementPort = 15672;

    public static async Task<ServerEndpoints> StartAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15-alpine")
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithCommand("-c", "fsync=off", "-c", "max_connections=400")
            .Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management-alpine")
            .WithUsername("guest")
            .WithPassword("guest")
            .WithPortBinding(ManagementPort, true)
            .Build();

        // Testcontainers' resource reaper removes both when this process ends, also after a crash.
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());

        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = null };
        var management = new Uri($"http://guest:guest@{rabbit.Hostname}:{rabbit.GetMappedPublicPort(ManagementPort)}/");
        return new ServerEndpoints(admin.ConnectionString, new Uri(rabbit.GetConnectionString()), management);
    }
}
