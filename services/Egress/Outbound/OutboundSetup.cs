using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Egress.Recipients;

namespace Platform.Egress.Outbound;

public static class OutboundSetup
{
    /// <summary>The outbound saga, its submitter and report matcher, and the facts the channel rules need.</summary>
    public static IBusRegistrationConfigurator AddOutboundMessages(this IBusRegistrationConfigurator services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboundOptions>, OutboundOptionsValidator>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<SendLedger>();
        services.AddScoped<ChannelRules>();
        services.AddSagaStateMachine<OutboundMessageStateMachine, OutboundMessageState, OutboundMessageStateDefinition>();
        services.AddConsumer<SubmitOutboundMessageConsumer>();
        services.AddConsumer<MatchDeliveryReportConsumer>();
        services.AddConsumer<RecordCustomerActivityConsumer>();
        services.AddConsumer<RecordConsentConsumer>();
        return services;
    }
}
