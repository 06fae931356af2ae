using System.Text.Json;
using MassTransit;
using Platform.Contracts;

namespace Platform.Egress.Outbound;

/// <summary>
/// One outbound message (docs/egress.md, "Outbound saga"). <see cref="Status"/> only moves forward in
/// <see cref="StatusOrder"/> (READ and FAILED are final), so reports arriving in any order, before or after the send
/// returned, end in the same state; every status reached is kept in <see cref="HistoryJson"/> for the API.
/// </summary>
public sealed class OutboundMessageState : SagaStateMachineInstance
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public uint Version { get; set; }

    public Guid ConversationId { get; set; }

    public Guid? ContactId { get; set; }

    public string SinchAppId { get; set; } = "";

    public string? SinchContactId { get; set; }

    /// <summary>The conversation's channel from the command, replaced by the channel Sinch reports.</summary>
    public string? Channel { get; set; }

    public string? RequestedBy { get; set; }

    public string ContentKind { get; set; } = "";

    /// <summary>The command's content as JSON, for the API.</summary>
    public string ContentJson { get; set; } = "";

    public string? SinchMessageId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public string Status { get; set; } = OutboundMessageStatuses.Requested;

    public string? FailureCode { get; set; }

    public string? FailureDescription { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string HistoryJson { get; set; } = "[]";

    /// <summary>Lifecycle order; a report never moves a message back.</summary>
    public static int Rank(string status) => status switch
    {
        OutboundMessageStatuses.Requested => 0,
        OutboundMessageStatuses.Submitted => 1,
        OutboundMessageStatuses.QueuedOnChannel => 2,
        OutboundMessageStatuses.Delivered => 3,
        OutboundMessageStatuses.Read => 4,
        OutboundMessageStatuses.Failed => 4,
        _ => -1,
    };

    public static IReadOnlyList<string> StatusOrder { get; } =
    [
        OutboundMessageStatuses.Requested, OutboundMessageStatuses.Submitted, OutboundMessageStatuses.QueuedOnChannel,
        OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Read, OutboundMessageStatuses.Failed,
    ];

    public IReadOnlyList<StatusEntry> History => JsonSerializer.Deserialize<List<StatusEntry>>(HistoryJson, Json) ?? [];

    public bool IsFinal => Status is OutboundMessageStatuses.Read or OutboundMessageStatuses.Failed;

    public void Request(SendOutboundMessage command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ConversationId = command.ConversationId;
        ContactId = command.ContactId;
        SinchAppId = command.SinchAppId;
        SinchContactId = command.SinchContactId;
        Channel = command.ConversationChannel;
        RequestedBy = command.RequestedBy;
        ContentKind = SinchSendRequest.KindOf(command.Content);
        ContentJson = JsonSerializer.Serialize(command.Content, Json);
        RequestedAt = command.RequestedAt ?? now;
        Record(OutboundMessageStatuses.Requested, RequestedAt, null, null);
    }

    /// <summary>Sinch accepted the send. True when that changes what the API shows.</summary>
    public bool Accept(string sinchMessageId, DateTimeOffset acceptedAt)
    {
        if (SinchMessageId is not null)
        {
            return false;
        }

        SinchMessageId = sinchMessageId;
        AcceptedAt = acceptedAt;
        return Record(OutboundMessageStatuses.Submitted, acceptedAt, null, null);
    }

    /// <summary>A status from Sinch or from egress itself; kept once per status. True when it is new.</summary>
    public bool Record(string status, DateTimeOffset at, string? failureCode, string? failureDescription, string? channel = null)
    {
        var history = History.ToList();
        if (history.Any(h => h.Status == status))
        {
            return false;
        }

        history.Add(new StatusEntry(status, at, failureCode, failureDescription, channel));
        HistoryJson = JsonSerializer.Serialize(history.OrderBy(h => Rank(h.Status)).ThenBy(h => h.At), Json);
        UpdatedAt = at > UpdatedAt ? at : UpdatedAt;
        Channel = channel ?? Channel;
        if (!IsFinal && Rank(status) > Rank(Status))
        {
            Status = status;
            if (status == OutboundMessageStatuses.Failed)
            {
                FailureCode = failureCode;
                FailureDescription = failureDescription;
            }
        }

        return true;
    }

    public OutboundMessageStatusChanged Changed(string status, DateTimeOffset at) => new()
    {
        OutboundMessageId = CorrelationId,
        ConversationId = ConversationId,
        SinchMessageId = SinchMessageId,
        Status = status,
        FailureCode = status == OutboundMessageStatuses.Failed ? FailureCode : null,
        FailureDescription = status == OutboundMessageStatuses.Failed ? FailureDescription : null,
        At = at,
        SinchAppId = SinchAppId,
        Channel = Channel,
        ContactId = ContactId,
    };
}

/// <summary>One status a message reached.</summary>
public sealed record StatusEntry(string Status, DateTimeOffset At, string? FailureCode, string? FailureDescription, string? Channel);
