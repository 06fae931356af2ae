using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Media.Telemetry;

/// <summary>Media's instruments on the platform Meter (docs/media.md, "Metrics"); tags name kinds, never ids.</summary>
public sealed class MediaMetrics
{
    public const string BytesInName = "platform.media.bytes.in";
    public const string BytesOutName = "platform.media.bytes.out";
    public const string FailuresName = "platform.media.transfer.failures";
    public const string StorageUsedName = "platform.media.storage.used";

    /// <summary>Tag values of <c>source</c> (bytes in) and <c>channel</c> (bytes out).</summary>
    public const string Download = "download";
    public const string Upload = "upload";
    public const string Internal = "internal";
    public const string Public = "public";

    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _failures;
    private long _storageUsed = -1;

    public MediaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PlatformTelemetry.SourceName);
        _bytesIn = meter.CreateCounter<long>(BytesInName, "By", "Bytes taken into storage, by source (download, upload).");
        _bytesOut = meter.CreateCounter<long>(BytesOutName, "By", "Bytes served, by channel (internal API, public link).");
        _failures = meter.CreateCounter<long>(FailuresName, "{transfer}", "Transfers given up, by reason.");
        meter.CreateObservableGauge(
            StorageUsedName,
            () => Interlocked.Read(ref _storageUsed) is var used and >= 0 ? [new Measurement<long>(used)] : Array.Empty<Measurement<long>>(),
            "By",
            "Bytes of media held in storage (all replicas), as last counted.");
    }

    public void BytesIn(long bytes, string source) => _bytesIn.Add(bytes, new KeyValuePair<string, object?>("source", source));

    public void BytesOut(long bytes, string channel) => _bytesOut.Add(bytes, new KeyValuePair<string, object?>("channel", channel));

    public void Failed(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void StorageUsed(long bytes) => Interlocked.Exchange(ref _storageUsed, bytes);
}

/// <summary>Registers the metrics and the storage-used counter.</summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddMediaTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<MediaMetrics>();
        services.AddHostedService<StorageUsageService>();
        return services;
    }
}
