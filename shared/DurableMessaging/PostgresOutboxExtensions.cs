using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.DurableMessaging.Outbox;
using Platform.Messaging;

namespace Platform.DurableMessaging;

/// <summary>Registration of the PostgreSQL transactional inbox/outbox and bus outbox.</summary>
public static class PostgresOutboxExtensions
{
    /// <summary>
    /// Adds the inbox/outbox on <typeparamref name="TDbContext"/>: by default on every receive endpoint (except the
    /// scheduler's), so a consumed message's database changes and the messages it publishes or sends commit in one
    /// transaction, and a redelivered message has its effects once. Also starts the inbox cleanup service.
    /// <c>o.UseBusOutbox()</c> extends it to code outside consumers. The DbContext must call
    /// <see cref="DurableMessagingModelBuilderExtensions.AddDurableMessaging"/> in <c>OnModelCreating</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddPostgresOutbox<TDbContext>(
        this IBusRegistrationConfigurator configurator,
        Action<PostgresOutboxOptions>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        var options = new PostgresOutboxOptions();
        configure?.Invoke(options);

        configurator.AddOptions<PostgresOutboxOptions>().Configure(o =>
        {
            o.DuplicateDetectionWindow = options.DuplicateDetectionWindow;
            o.InboxCleanupInterval = options.InboxCleanupInterval;
            o.MessageDeliveryLimit = options.MessageDeliveryLimit;
            o.OnAllEndpoints = options.OnAllEndpoints;
            o.BusOutboxQueryDelay = options.BusOutboxQueryDelay;
            o.BusOutboxDeliveryConcurrency = options.BusOutboxDeliveryConcurrency;
            o.UndeliveredSweepAfter = options.UndeliveredSweepAfter;
            o.MaxDeliveryAttempts = options.MaxDeliveryAttempts;
            if (options.BusOutboxEnabled)
            {
                o.UseBusOutbox();
            }
        });
        configurator.TryAddSingleton(TimeProvider.System);
        configurator.AddDurableMessagingMetrics();
        configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, PostgresOutboxContextFactory<TDbContext>>();
        configurator.AddHostedService<InboxCleanupService<TDbContext>>();
        configurator.AddHostedService<UndeliveredOutboxSweeper<TDbContext>>();
        configurator.AddOptions<InboxCleanupServiceOptions<TDbContext>>().Configure(o =>
        {
            o.DuplicateDetectionWindow = options.DuplicateDetectionWindow;
            o.QueryDelay = options.InboxCleanupInterval;
        });

        if (options.OnAllEndpoints)
        {
            configurator.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // The scheduler stores rows idempotently by token; an inbox there would drop the 2nd and later
                // scheduled redeliveries of one message, which share its original message id (docs/durable-messaging.md, "Scheduler").
                if (context.GetService<MessageSchedulerEndpoint>()?.QueueName == name)
                {
                    return;
                }

                endpoint.UsePostgresOutbox<TDbContext>(context, o => o.MessageDeliveryLimit = options.MessageDeliveryLimit);
            });
        }

        if (options.BusOutboxEnabled)
        {
            configurator.ReplaceScoped<IScopedBusContextProvider<IBus>, PostgresScopedBusContextProvider<TDbContext>>();
            configurator.TryAddSingleton<IBusOutboxNotification, BusOutboxNotification>();
            configurator.AddHostedService<BusOutboxDeliveryService<TDbContext>>();
            configurator.AddOptions<OutboxDeliveryServiceOptions>().Configure(o =>
            {
                o.QueryDelay = options.BusOutboxQueryDelay;
                o.MessageDeliveryLimit = options.MessageDeliveryLimit;
                o.MessageDeliveryTimeout = TimeSpan.FromSeconds(10);
            });
        }

        return configurator;
    }

    /// <summary>
    /// Puts the inbox/outbox on one receive endpoint (when <see cref="PostgresOutboxOptions.OnAllEndpoints"/> is false).
    /// Call it after the endpoint's retry, so every retry runs in a fresh transaction.
    /// </summary>
    public static void UsePostgresOutbox<TDbContext>(
        this IReceiveEndpointConfigurator configurator,
        IRegistrationContext context,
        Action<IOutboxOptionsConfigurator>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(configurator, context);
        configure?.Invoke(observer);
        configurator.ConnectConsumerConfigurationObserver(observer);
        configurator.ConnectSagaConfigurationObserver(observer);
    }
}
