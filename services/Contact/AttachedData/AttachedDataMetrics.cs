using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Contact.AttachedData;

/// <summary>Counts metadata that was not taken as it came; tags are the reason and the field, never a key or value.</summary>
public sealed class AttachedDataMetrics
{
    public const string IssuesName = "platform.contact.attached_data.issues";

    private readonly Counter<long> _issues;

    public AttachedDataMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PlatformTelemetry.SourceName);
        _issues = meter.CreateCounter<long>(IssuesName, "{issue}", "Metadata entries reported instead of stored as they came.");
    }

    public void Reported(AttachedDataIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        _issues.Add(1, new KeyValuePair<string, object?>("reason", issue.Reason), new KeyValuePair<string, object?>("source", issue.Source));
    }
}
