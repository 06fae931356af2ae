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
    /// <c>{service}-{consumer}</c> in kebab case, immediate retries that skip
    /// <see cref="UnrecoverableMessageException"/>, and readiness checks named <c>broker</c> (the connection) and
    /// <c>bus</c> (the receive endpoints).
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

        builder.Services.AddSingleton(new BrokerConnectivityCheck(broker, serviceName));
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
            x.AddConfigureEndpointsCallback((_, _, endpoint) => ConfigureEndpoint(endpoint, options));
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
                configureBus?.Invoke(context, bus);
                bus.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    private static void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint, MessagingOptions options)
    {
        // Quorum queues survive the loss of a broker node; classic mirrored queues are deprecated in RabbitMQ 3.x.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }

        endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(options.RetryIntervalsMs);
            r.Ignore<UnrecoverableMessageException>();
        });
    }
}
