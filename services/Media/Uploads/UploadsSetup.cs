using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Media.Uploads;

/// <summary>The upload saga and its settings; the endpoints are mapped by <see cref="UploadsApi"/> and <see cref="PublicLinksApi"/>.</summary>
public static class UploadsSetup
{
    public static IBusRegistrationConfigurator AddUploads(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateOnStart();
        bus.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddSagaStateMachine<MediaUploadStateMachine, MediaUploadState>();
        return bus;
    }
}
