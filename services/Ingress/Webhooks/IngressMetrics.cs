using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Ingress.Webhooks;

/// <summary>Counters on the platform Meter; one tag per series, never an id.</summary>
internal sealed class IngressMetrics
{
    public const string AcceptedName = "platform.ingress.callbacks.accepted";
    public const string NotUsedName = "platform.ingress.callbacks.not_used";
    public const string UnusableName = "platform.ingress.callbacks.unusable";
    public const string RejectedName = "platform.ingress.callbacks.rejected";
    public const string PublishDurationName = "platform.ingress.publish.duration";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _notUsed;
    private readonly Counter<long> _unusable;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _publishDuration;

    public IngressMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformTelemetry.SourceName);
        _accepted = meter.CreateCounter<long>(AcceptedName, "{callback}", "Callbacks published to the bus and acknowledged.");
        _notUsed = meter.CreateCounter<long>(NotUsedName, "{callback}", "Valid callbacks of a trigger the platform does not use, acknowledged without publishing.");
        _unusable = meter.CreateCounter<long>(UnusableName, "{callback}", "Signed callbacks acknowledged without publishing because a field the platform needs is missing or of the wrong type.");
        _rejected = meter.CreateCounter<long>(RejectedName, "{callback}", "Callbacks answered with an error status.");
        _publishDuration = meter.CreateHistogram<double>(PublishDurationName, "ms", "Time to publish one callback's event, broker confirm included.");
    }

    public void Accepted(string trigger) => _accepted.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    public void NotUsed(string trigger) => _notUsed.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    public void Unusable(string trigger) => _unusable.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Published(TimeSpan elapsed, bool succeeded) => _publishDuration.Record(
        elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", succeeded ? "confirmed" : "failed"));
}
