using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        // One idiom with the scheduler: the delegate configures the options every part reads (IOptions), so a later
        // services.Configure<PostgresOutboxOptions> applies too. Run once more here, it decides what to register.
        configurator.AddOptions<PostgresOutboxOptions>().Configure(o => configure?.Invoke(o));
        var registration = new PostgresOutboxOptions();
        configure?.Invoke(registration);

        configurator.TryAddSingleton(TimeProvider.System);
        configurator.AddDurableMessagingMetrics();
        configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, PostgresOutboxContextFactory<TDbContext>>();
        configurator.TryAddSingleton<InboxClaimTimings>();
        configurator.AddHostedService<InboxCleanupService<TDbContext>>();
        configurator.AddHostedService<UndeliveredOutboxSweeper<TDbContext>>();

        if (registration.OnAllEndpoints)
        {
            configurator.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // The scheduler stores rows idempotently by token; an inbox there would drop the 2nd and later
                // scheduled redeliveries of one message, which share its original message id (docs/durable-messaging.md, "Scheduler").
                if (context.GetService<MessageSchedulerEndpoint>()?.QueueName == name)
                {
                    return;
                }

                endpoint.UsePostgresOutbox<TDbContext>(context);
            });
        }

        if (registration.BusOutboxEnabled)
        {
            configurator.ReplaceScoped<IScopedBusContextProvider<IBus>, PostgresScopedBusContextProvider<TDbContext>>();
            configurator.TryAddSingleton<BusOutboxWakeUp>();
            configurator.AddHostedService<BusOutboxDeliveryService<TDbContext>>();
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
        // MassTransit's consume-side options take the delivery limit of ours (its default of 1 costs a transaction per message).
        if (context.GetService<IOptions<PostgresOutboxOptions>>() is { } options)
        {
            observer.MessageDeliveryLimit = options.Value.MessageDeliveryLimit;
        }

        configure?.Invoke(observer);
        configurator.ConnectConsumerConfigurationObserver(observer);
        configurator.ConnectSagaConfigurationObserver(observer);
    }
}
