using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Ingress.SinchApps;

public static class SinchAppsSetup
{
    /// <summary>
    /// Learns connected apps' webhook secrets from the bus, on a queue of this replica's own (every replica needs every
    /// change), when <c>Ingress:WebhookSecretsKey</c> is set; otherwise only static configuration counts. Why a bus and
    /// no database: docs/egress.md, "Ingress learns apps".
    /// </summary>
    public static IBusRegistrationConfigurator AddSinchApps(this IBusRegistrationConfigurator services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SinchAppsOptions>().BindConfiguration(SinchAppsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SinchAppsOptions>, SinchAppsOptionsValidator>();
        var key = configuration[$"{SinchAppsOptions.Section}:{nameof(SinchAppsOptions.WebhookSecretsKey)}"];
        if (string.IsNullOrWhiteSpace(key))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        var replica = new ReplicaIdentity();
        services.AddSingleton(replica);
        services.AddSingleton(new WebhookSecretBox(key));
        services.AddSingleton<LearnedApps>();
        services.AddHostedService<SnapshotRequester>();
        var queue = $"ingress-sinch-apps-{replica.Name}";
        var expiry = configuration.GetValue($"{SinchAppsOptions.Section}:{nameof(SinchAppsOptions.ReplicaQueueExpirySeconds)}", 600);
        services.AddConsumer<LearnWebhookSecretConsumer>(typeof(ReplicaQueueDefinition<LearnWebhookSecretConsumer>)).Endpoint(e => e.Name = queue);
        services.AddConsumer<ForgetSinchAppConsumer>(typeof(ReplicaQueueDefinition<ForgetSinchAppConsumer>)).Endpoint(e => e.Name = queue);
        services.AddConsumer<MergeWebhookSecretsSnapshotConsumer>(typeof(ReplicaQueueDefinition<MergeWebhookSecretsSnapshotConsumer>)).Endpoint(e => e.Name = queue);
        services.AddConsumer<AnswerWebhookSecretsRequestConsumer>(typeof(ReplicaQueueDefinition<AnswerWebhookSecretsRequestConsumer>)).Endpoint(e => e.Name = queue);
        services.AddSingleton(new ReplicaQueueSettings(TimeSpan.FromSeconds(expiry)));
        return services;
    }
}

internal sealed record ReplicaQueueSettings(TimeSpan Expiry);

/// <summary>The broker deletes a replica's queue once the replica is gone for a while (quorum queues allow x-expires).</summary>
internal sealed class ReplicaQueueDefinition<TConsumer>(ReplicaQueueSettings settings) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQueueArgument("x-expires", (long)settings.Expiry.TotalMilliseconds);
        }
    }
}
