using Xunit;

namespace Platform.Testing;

/// <summary>
/// The readiness contract every service keeps, as one scenario each service's tests run against its real
/// <c>Program</c>: ready reports the broker (and the database for stateful services) healthy; when the broker goes
/// away readiness fails with the broker named; when it comes back readiness recovers. Stateful services have applied
/// their migrations (the durable messaging tables exist) by the time they are ready.
/// </summary>
public static class ServiceHealthScenario
{
    /// <summary>Runs the scenario; <paramref name="databaseName"/> is the service's connection string name, or null for stateless services.</summary>
    public static async Task RunAsync<TProgram>(InfrastructureFixture infrastructure, string? databaseName)
        where TProgram : class
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        await using var broker = infrastructure.StartBrokerProxy();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = broker.ConnectionString };
        if (databaseName is not null)
        {
            settings[$"ConnectionStrings:{databaseName}"] = infrastructure.PostgresConnectionString;
        }

        await using var service = new ServiceFactory<TProgram>(settings);
        using var client = service.CreateClient();

        var ready = await ReadinessProbe.WaitUntilAsync(client, r => r.HttpStatus == 200, "the service is ready");
        Assert.Equal("Healthy", ready.Check("broker"));
        if (databaseName is not null)
        {
            Assert.Equal("Healthy", ready.Check("database"));
            Assert.True(
                await TableExistsAsync(infrastructure.PostgresConnectionString, $"{databaseName}.inbox_state"),
                "migrations were applied at start");
        }

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(200, (int)live.StatusCode);

        Assert.True(broker.OpenConnections > 0, "the service talks to the broker through the proxy");
        broker.Cut();
        var down = await ReadinessProbe.WaitUntilAsync(client, r => r.HttpStatus == 503, "readiness fails without the broker");
        Assert.Equal("Unhealthy", down.Check("broker"));
        if (databaseName is not null)
        {
            Assert.Equal("Healthy", down.Check("database"));
        }

        broker.Restore();
        await ReadinessProbe.WaitUntilAsync(client, r => r.HttpStatus == 200, "readiness recovers with the broker");
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string qualifiedName)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", qualifiedName);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
