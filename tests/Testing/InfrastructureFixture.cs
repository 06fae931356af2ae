using Npgsql;
using Platform.Testing.Infrastructure;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A real RabbitMQ and PostgreSQL for one test class (<c>IClassFixture&lt;InfrastructureFixture&gt;</c>): the servers
/// are shared by the whole run (<see cref="SharedServers"/>), but the class gets its own virtual host and its own
/// database, so tests never see each other's messages or rows. Both are deleted when the class is done.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly List<string> databases = [];
    private readonly List<BrokerProxy> proxies = [];
    private ServerEndpoints servers = null!;

    /// <summary>This class's virtual host.</summary>
    public string VirtualHost { get; } = $"test-{Guid.NewGuid():N}";

    /// <summary>This class's database.</summary>
    public string DatabaseName { get; private set; } = "";

    /// <summary>AMQP URI of this class's virtual host, as services read it from <c>ConnectionStrings:rabbitmq</c>.</summary>
    public string RabbitMqConnectionString { get; private set; } = "";

    /// <summary>Npgsql connection string of this class's database.</summary>
    public string PostgresConnectionString { get; private set; } = "";

    /// <summary>The management API, addressed at this class's virtual host.</summary>
    public RabbitMqManagement RabbitMq { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        servers = await SharedServers.GetAsync();
        RabbitMq = new RabbitMqManagement(servers.RabbitMqManagement, VirtualHost);
        var admin = servers.RabbitMqAdmin;
        var user = Uri.UnescapeDataString(admin.UserInfo.Split(':')[0]);
        await RabbitMq.CreateVirtualHostAsync(user);
        RabbitMqConnectionString = $"{admin.Scheme}://{admin.UserInfo}@{admin.Host}:{admin.Port}/{Uri.EscapeDataString(VirtualHost)}";
        PostgresConnectionString = await CreateDatabaseAsync();
        DatabaseName = new NpgsqlConnectionStringBuilder(PostgresConnectionString).Database!;
    }

    /// <summary>Creates another empty database for this class (dropped with the class); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(servers.PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (databases)
        {
            databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(servers.PostgresAdmin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A TCP proxy in front of this class's virtual host, to make the broker look stopped to one service.</summary>
    public BrokerProxy StartBrokerProxy()
    {
        var proxy = BrokerProxy.Start(RabbitMqConnectionString);
        lock (proxies)
        {
            proxies.Add(proxy);
        }

        return proxy;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var proxy in proxies)
        {
            await proxy.DisposeAsync();
        }

        if (RabbitMq is not null)
        {
            await RabbitMq.DeleteVirtualHostAsync();
            RabbitMq.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(servers.PostgresAdmin);
        await connection.OpenAsync();
        foreach (var name in databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
