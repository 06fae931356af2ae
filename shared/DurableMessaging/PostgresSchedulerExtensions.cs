using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.DurableMessaging.Scheduling;
using Platform.Messaging;

namespace Platform.DurableMessaging;

/// <summary>Registration of the durable (PostgreSQL) message scheduler.</summary>
public static class PostgresSchedulerExtensions
{
    /// <summary>
    /// Hosts the service's own scheduler on queue <paramref name="queueName"/> (e.g. <c>routing-scheduler</c>):
    /// <c>ScheduleMessage</c>/<c>CancelScheduledMessage</c> commands become rows in <typeparamref name="TDbContext"/>,
    /// and a background service sends them when due. Makes every schedule of this service go there:
    /// <c>ScheduleSend</c>/<c>SchedulePublish</c> in consumers, state machine <c>Schedule</c>/<c>Unschedule</c>,
    /// scheduled redelivery (through <see cref="MessageSchedulerEndpoint"/>, read by <c>AddMessaging</c>), and the scoped
    /// <see cref="IMessageScheduler"/> outside consumers. No broker plugin is involved.
    /// </summary>
    public static IBusRegistrationConfigurator AddPostgresMessageScheduler<TDbContext>(
        this IBusRegistrationConfigurator configurator,
        string queueName,
        Action<PostgresSchedulerOptions>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var endpoint = new MessageSchedulerEndpoint(queueName);
        configurator.AddSingleton(endpoint);
        configurator.TryAddSingleton<SchedulerWakeUp>();
        configurator.AddDurableMessagingMetrics();
        configurator.TryAddSingleton(TimeProvider.System);
        configurator.AddOptions<PostgresSchedulerOptions>().Configure(o => configure?.Invoke(o));
        configurator.AddMessageScheduler(endpoint.Address);
        configurator.AddConsumer<ScheduleMessageConsumer<TDbContext>>().Endpoint(e => e.Name = queueName);
        configurator.AddConsumer<CancelScheduledMessageConsumer<TDbContext>>().Endpoint(e => e.Name = queueName);
        configurator.AddHostedService<ScheduledMessageDeliveryService<TDbContext>>();
        return configurator;
    }
}
