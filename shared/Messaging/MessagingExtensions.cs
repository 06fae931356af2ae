using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Health;

namespace Platform.Messaging;

/// <summary>MassTransit on RabbitMQ, set up the same way in every service.</summary>
public static class MessagingExtensions
{
    /// <summary>The connection string name of the broker: <c>ConnectionStrings:rabbitmq</c>.</summary>
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>The name of the readiness check of the broker connection.</summary>
    public const string BrokerHealthCheckName = "broker";

    /// <summary>The name of the readiness check of MassTransit's receive endpoints (consuming services only).</summary>
    public const string BusHealthCheckName = "bus";

    /// <summary>
    /// Adds the bus: RabbitMQ from <c>ConnectionStrings:rabbitmq</c>, publisher confirms, quorum queues named
    /// <c>{service}-{consumer}</c> in kebab case, readiness checks named <c>broker</c> (the connection) and <c>bus</c>
    /// (the receive endpoints), and the same error handling on every endpoint: immediate retries, then (when the service
    /// hosts a durable scheduler, see <see cref="MessageSchedulerEndpoint"/>) scheduled redelivery, then the endpoint's
    /// <c>_error</c> queue with the exception in the headers. <see cref="UnrecoverableMessageException"/> skips retries
    /// and redelivery. Sends with a transport delay are rejected (<see cref="RejectTransportDelayFilter{T}"/>).
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="serviceName">Prefix of every queue this service owns, e.g. <c>Routing</c> gives <c>routing-conversation-state</c>.</param>
    /// <param name="configure">Registers the service's consumers and sagas (one <c>Add…()</c> per feature).</param>
    /// <param name="configureBus">Bus-level settings a building block needs before endpoints are configured.</param>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var broker = RabbitMqAddress.Parse(builder.Configuration.GetRequiredConnectionString(
            ConnectionStringName, "amqp://guest:guest@localhost:5672/"));
        var options = builder.Services.AddValidatedOptions<MessagingOptions>(builder.Configuration, MessagingOptions.Section);

        // Factory registration: the container disposes what it created, closing the probe's AMQP connection.
        builder.Services.AddSingleton(_ => new BrokerConnectivityCheck(broker, serviceName));
        builder.Services.AddSingleton<IBrokerAvailability, BrokerAvailability>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            BrokerHealthCheckName,
            sp => sp.GetRequiredService<BrokerConnectivityCheck>(),
            HealthStatus.Unhealthy,
            [HealthTags.Ready]));

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            x.ConfigureHealthCheckOptions(h =>
            {
                h.Name = BusHealthCheckName;
                h.Tags.Clear();
                h.Tags.Add(HealthTags.Ready);
                h.MinimalFailureStatus = HealthStatus.Unhealthy;
            });
            x.AddConfigureEndpointsCallback((context, name, endpoint) => ConfigureEndpoint(context, name, endpoint, options));
            configure?.Invoke(x);

            x.UsingRabbitMq((context, bus) =>
            {
                bus.Host(broker.ToMassTransitHostAddress(), h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                    h.PublisherConfirmation = true;
                });
                bus.PrefetchCount = options.PrefetchCount;
                bus.ConfigureSend(send => send.ConnectSendPipeSpecificationObserver(new RejectTransportDelaySpecificationObserver()));
                var commandDestinations = context.GetServices<CommandDestination>().Select(d => d.ExchangeName).ToHashSet(StringComparer.Ordinal);
                if (commandDestinations.Count > 0)
                {
                    bus.ConfigureSend(send => send.ConnectSendPipeSpecificationObserver(new MandatoryCommandSpecificationObserver(commandDestinations)));
                }

                if (context.GetService<MessageSchedulerEndpoint>() is { } scheduler)
                {
                    bus.UseMessageScheduler(scheduler.Address);
                }

                configureBus?.Invoke(context, bus);
                bus.ConfigureEndpoints(context);
            });
        });

        // MassTransit labels its metrics with the process name ("dotnet" in a container); dashboards group by service.
        builder.Services.Configure<MassTransit.Monitoring.InstrumentationOptions>(o => o.ServiceName = serviceName);
        return builder;
    }

    /// <summary>
    /// The error handling every endpoint gets; public so that test harnesses and hand-configured endpoints can apply
    /// the very same policy. Order matters: redelivery wraps retry, which wraps the consumer (and its outbox), so each
    /// retry runs in a fresh transaction and redelivery happens only after the last retry failed. A database outage
    /// (<see cref="DatabaseOutage"/>) is neither redelivered through the scheduler, which needs the same database, nor
    /// dead-lettered: the message retries in place with a growing pause up to <paramref name="databaseOutageMaxInterval"/>
    /// and, if the outage outlasts those retries, goes back to its own queue.
    /// </summary>
    public static void ConfigureErrorHandling(
        IRegistrationContext context,
        string endpointName,
        IReceiveEndpointConfigurator endpoint,
        int[] retryIntervalsMs,
        int[] redeliveryIntervalsSeconds,
        TimeSpan? databaseOutageMaxInterval = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(retryIntervalsMs);
        ArgumentNullException.ThrowIfNull(redeliveryIntervalsSeconds);
        var scheduler = context.GetService<MessageSchedulerEndpoint>();
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new RequeueOnDatabaseOutageFilter());
            error.UseFilter(new MassTransit.Middleware.GenerateFaultFilter());
            error.UseFilter(new MassTransit.Middleware.ErrorTransportFilter());
        });

        if (scheduler is not null && scheduler.QueueName == endpointName)
        {
            // The scheduler cannot redeliver through itself, and every timeout and every other endpoint's redelivery
            // passes through it (already acked at their source): retry long rather than dead-letter them after a second.
            UseDatabaseOutageRetry(endpoint, databaseOutageMaxInterval);
            endpoint.UseMessageRetry(r =>
            {
                r.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
                r.Ignore<UnrecoverableMessageException>();
                r.Ignore<Exception>(DatabaseOutage.Is);
            });
            return;
        }

        if (scheduler is not null && redeliveryIntervalsSeconds.Length > 0)
        {
            endpoint.UseScheduledRedelivery(r =>
            {
                r.Intervals([.. redeliveryIntervalsSeconds.Select(s => TimeSpan.FromSeconds(s))]);
                r.Ignore<UnrecoverableMessageException>();
                r.Ignore<Exception>(DatabaseOutage.Is);
            });
        }

        UseDatabaseOutageRetry(endpoint, databaseOutageMaxInterval);
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(retryIntervalsMs);
            r.Ignore<UnrecoverableMessageException>();
            r.Ignore<Exception>(DatabaseOutage.Is);
        });
    }

    /// <summary>
    /// Outage retries: from one second, doubling, up to the maximum, about 20 minutes in all by default (under
    /// RabbitMQ's 30-minute acknowledgement timeout). The message stays unacknowledged in its queue meanwhile.
    /// </summary>
    private static void UseDatabaseOutageRetry(IReceiveEndpointConfigurator endpoint, TimeSpan? maxInterval)
    {
        var max = maxInterval ?? TimeSpan.FromSeconds(30);
        var min = max < TimeSpan.FromSeconds(1) ? max : TimeSpan.FromSeconds(1);
        var attempts = (int)Math.Clamp(TimeSpan.FromMinutes(20) / max, 10, 1000);
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseOutage.Is);
            r.Exponential(attempts, min, max, min);
        });
    }

    private static void ConfigureEndpoint(IRegistrationContext context, string name, IReceiveEndpointConfigurator endpoint, MessagingOptions options)
    {
        // Quorum queues survive the loss of a broker node; classic mirrored queues are deprecated in RabbitMQ 3.x.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }

        endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        ConfigureErrorHandling(context, name, endpoint, options.EffectiveRetryIntervalsMs, options.EffectiveRedeliveryIntervalsSeconds,
            TimeSpan.FromMilliseconds(options.DatabaseOutageMaxRetryIntervalMs));
    }
}
