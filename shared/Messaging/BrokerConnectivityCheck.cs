using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging;

/// <summary>
/// Readiness of the broker itself: one dedicated AMQP connection, opened on first probe and reopened after it drops.
/// MassTransit's own check only reflects receive endpoints, so a publish-only service (ingress) would report ready
/// with the broker gone; this check does not depend on what the service consumes.
/// </summary>
internal sealed class BrokerConnectivityCheck(RabbitMqAddress broker, string serviceName) : IHealthCheck, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true })
            {
                return HealthCheckResult.Healthy($"Connected to {broker.Host}:{broker.Port}");
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }

            var factory = new ConnectionFactory
            {
                HostName = broker.Host,
                Port = broker.Port,
                VirtualHost = broker.VirtualHost,
                UserName = broker.Username,
                Password = broker.Password,
                AutomaticRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                ClientProvidedName = $"{serviceName}-health",
            };
            connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Connected to {broker.Host}:{broker.Port}");
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {broker.Host}:{broker.Port} is unreachable: {e.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }

        gate.Dispose();
    }

    // Hosts disposed synchronously (IHost.Dispose) still close the connection.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
