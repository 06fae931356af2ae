using Microsoft.Extensions.Options;

namespace Platform.Media.Storage;

/// <summary>Registers the store that <c>Media:Storage:Provider</c> names (docs/media.md, "Storage").</summary>
public static class StorageSetup
{
    public static IServiceCollection AddMediaStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IMediaStorage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == "S3" ? new S3MediaStorage(options.S3) : new FileSystemMediaStorage(options.Root);
        });
        services.AddHostedService<S3BucketInitializer>();
        services.AddSingleton<MediaIntake>();
        return services;
    }
}

/// <summary>Creates the S3 bucket at start-up when configured to; nothing for the file-system store.</summary>
internal sealed class S3BucketInitializer(IMediaStorage storage, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        storage is S3MediaStorage s3 && options.Value.S3.CreateBucket ? s3.EnsureBucketAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
