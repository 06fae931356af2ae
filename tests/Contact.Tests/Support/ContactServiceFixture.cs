using System.Net.Http.Json;
using Npgsql;
using Platform.Testing;

namespace Platform.Contact.Tests.Support;

/// <summary>
/// The real contact <c>Program</c> on this class's own RabbitMQ virtual host and PostgreSQL database, with a
/// <see cref="BusProbe"/> beside it. One per test class: tests within a class use identities of their own.
/// </summary>
public class ContactServiceFixture : IAsyncLifetime
{
    private readonly List<ServiceFactory<Program>> _replicas = [];

    public InfrastructureFixture Infrastructure { get; } = new();

    public BusProbe Bus { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Settings on top of the connection strings, e.g. concurrency limits.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Bus = await BusProbe.StartAsync(Infrastructure.RabbitMqConnectionString);
        Client = await StartReplicaAsync();
    }

    /// <summary>Starts one more replica on the same database and virtual host; returns its client once it is ready.</summary>
    public async Task<HttpClient> StartReplicaAsync()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["ConnectionStrings:rabbitmq"] = Infrastructure.RabbitMqConnectionString,
            ["ConnectionStrings:contact"] = Infrastructure.PostgresConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
        };
        var replica = new ServiceFactory<Program>(settings);
        _replicas.Add(replica);
        var client = replica.CreateClient();
        await ReadinessProbe.WaitUntilAsync(client, r => r.HttpStatus == 200, "the contact service is ready");
        return client;
    }

    /// <summary>Runs one scalar query against the service's database.</summary>
    public async Task<T> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative)))!;

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        await Infrastructure.DisposeAsync();
    }
}

/// <summary>One message at a time on every endpoint, so that messages are handled in the order they were published.</summary>
public sealed class SerialContactServiceFixture : ContactServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:ConcurrentMessageLimit"] = "1",
        ["Messaging:PrefetchCount"] = "1",
    };
}
