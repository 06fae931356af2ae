using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Contact.AttachedData;
using Platform.Contact.Consents;
using Platform.Contact.Erasure;
using Platform.Contact.Profiles;
using Platform.Contact.Resolution;
using Platform.Contact.SinchContacts;
using Platform.Messaging;

namespace Platform.Contact.Contacts;

public static class ContactsSetup
{
    /// <summary>
    /// Registers contact resolution, consents, Sinch contact changes, channel profiles and erasure: validated options
    /// (start-up fails on bad ones), services and consumers (queues <c>contact-resolve-contact</c>,
    /// <c>contact-record-consent</c>, <c>contact-apply-sinch-contact-change</c>, <c>contact-apply-channel-profile</c>).
    /// </summary>
    public static IBusRegistrationConfigurator AddContacts(this IBusRegistrationConfigurator services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ContactOptions>().BindConfiguration(ContactOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactOptions>, ContactOptionsValidator>();
        services.AddCommandDestination(sp => $"exchange:{sp.GetRequiredService<IOptions<ContactOptions>>().Value.EgressProfileQueue}");
        services.AddOptions<AttachedDataOptions>().BindConfiguration(AttachedDataOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AttachedDataOptions>, AttachedDataOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<AttachedDataMetrics>();
        services.AddSingleton(sp => new AttachedDataParser(sp.GetRequiredService<IOptions<AttachedDataOptions>>().Value));
        services.AddSingleton(sp => new AttachedDataMerger(sp.GetRequiredService<IOptions<AttachedDataOptions>>().Value));
        services.AddScoped<ContactStore>();
        services.AddScoped<ContactMerger>();
        services.AddScoped<ContactEraser>();

        services.AddConsumer<ResolveContactConsumer>();
        services.AddConsumer<RecordConsentConsumer>();
        services.AddConsumer<ApplySinchContactChangeConsumer>();
        services.AddConsumer<ApplyChannelProfileConsumer>();
        return services;
    }
}
