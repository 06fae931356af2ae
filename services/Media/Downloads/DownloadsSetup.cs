using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Media.Downloads;

/// <summary>The download saga, its consumers, the guarded fetcher and their settings.</summary>
public static class DownloadsSetup
{
    public static IBusRegistrationConfigurator AddDownloads(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.Section).ValidateOnStart();
        bus.AddSingleton<IValidateOptions<DownloadOptions>, DownloadOptionsValidator>();
        bus.AddSingleton<IValidateOptions<DownloadOptions>, DownloadNetworksValidator>();
        bus.TryAddSingleton(TimeProvider.System);
        bus.TryAddSingleton<IHostResolver, DnsHostResolver>();
        bus.TryAddSingleton<ISocketConnector, TcpSocketConnector>();
        bus.TryAddSingleton(sp => new AddressPolicy(sp.GetRequiredService<IOptions<DownloadOptions>>().Value.EffectiveAllowedNetworks));
        bus.TryAddSingleton<SsrfGuard>();
        bus.TryAddSingleton<MediaFetcher>();

        bus.AddSagaStateMachine<MediaDownloadStateMachine, MediaDownloadState>();
        bus.AddConsumer<DownloadInboundMediaConsumer>();
        bus.AddConsumer<FetchMediaConsumer>();
        return bus;
    }
}
