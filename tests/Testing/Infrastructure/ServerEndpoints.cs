namespace Platform.Testing.Infrastructure;

/// <summary>Where the run's shared servers listen, with administrator rights on both.</summary>
/// <param name="PostgresAdmin">Npgsql connection string without a database.</param>
/// <param name="RabbitMqAdmin">AMQP URI of the default virtual host.</param>
/// <param name="RabbitMqManagement">Management HTTP API base with credentials in the user info.</param>
public sealed record ServerEndpoints(string PostgresAdmin, Uri RabbitMqAdmin, Uri RabbitMqManagement)
{
    /// <summary>The settings <c>./platform test</c> exports and <see cref="FromEnvironment"/> reads.</summary>
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";

    /// <inheritdoc cref="PostgresVariable"/>
    public const string RabbitMqVariable = "PLATFORM_TEST_RABBITMQ";

    /// <inheritdoc cref="PostgresVariable"/>
    public const string RabbitMqManagementVariable = "PLATFORM_TEST_RABBITMQ_MANAGEMENT";

    /// <summary>Reads servers someone else started for this run, if any.</summary>
    public static ServerEndpoints? FromEnvironment() => FromSettings(name => Environment.GetEnvironmentVariable(name));

    /// <summary>Reads the three settings from a lookup; null when any is missing.</summary>
    public static ServerEndpoints? FromSettings(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var postgres = lookup(PostgresVariable);
        var rabbit = lookup(RabbitMqVariable);
        var management = lookup(RabbitMqManagementVariable);
        return string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit) || string.IsNullOrWhiteSpace(management)
            ? null
            : new ServerEndpoints(postgres, new Uri(rabbit), new Uri(management));
    }
}
