using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Egress.Apps;
using Platform.Egress.Persistence;
using Platform.Egress.Recipients;
using Platform.Egress.Sinch;

namespace Platform.Egress.Outbound;

/// <summary>
/// Calls <c>messages:send</c> for one command, exactly once (docs/egress.md, "Exactly one send"): channel rules first;
/// then the attempt is committed as in flight; an attempt found in flight is reconciled at Sinch instead of sent again;
/// 429/5xx are retried through the durable scheduler (Retry-After honoured, else exponential backoff with full jitter);
/// other 4xx fail with Sinch's field violations. The outcome reaches the saga through the outbox, with this transaction.
/// </summary>
public sealed class SubmitOutboundMessageConsumer(
    EgressDbContext db,
    AppSecrets secrets,
    SinchClient sinch,
    ChannelRules rules,
    SendLedger ledger,
    IOptions<OutboundOptions> options,
    TimeProvider time,
    ILogger<SubmitOutboundMessageConsumer> logger) : IConsumer<SubmitOutboundMessage>
{
    public async Task Consume(ConsumeContext<SubmitOutboundMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Message.Command;
        var id = command.OutboundMessageId;
        var cancellationToken = context.CancellationToken;

        var connection = await db.Set<SinchAppConnection>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.AppId == command.SinchAppId && a.DisconnectedAt == null, cancellationToken);
        if (connection is null)
        {
            await RefuseAsync(context, "APP_NOT_CONNECTED", $"Sinch app {command.SinchAppId} is not connected to the platform.");
            return;
        }

        var credentials = secrets.CredentialsOf(connection);
        var earlierAttempt = await ledger.BeginAsync(id, command.SinchAppId, cancellationToken);
        if (earlierAttempt.SinchMessageId is { } alreadySent)
        {
            // Handled before and accepted (a duplicate command or a late scheduled retry): tell the saga again, send nothing.
            await context.Publish(new OutboundMessageAccepted { OutboundMessageId = id, SinchMessageId = alreadySent, AcceptedAt = time.GetUtcNow() });
            return;
        }

        if (earlierAttempt.InFlightSince is { } earlier)
        {
            logger.Reconciling(id, command.SinchAppId);
            if (await FindAtSinchAsync(credentials, connection.ProcessingMode, SinchSendRequest.MetadataOf(command), earlier, cancellationToken) is { } found)
            {
                await AcceptAsync(context, found.Id, found.AcceptedAt);
                return;
            }
        }

        JsonObject body;
        try
        {
            body = SinchSendRequest.Build(command);
        }
        catch (InvalidContentException e)
        {
            await RefuseAsync(context, "INVALID_CONTENT", e.Message);
            return;
        }

        if (await rules.RefusalAsync(command, cancellationToken) is { } refusal)
        {
            await RefuseAsync(context, refusal.Code, refusal.Reason);
            return;
        }

        await ledger.AcquireRateAsync(command.SinchAppId, cancellationToken);
        JsonNode? answer;
        try
        {
            await ledger.CountCallAsync(id, cancellationToken);
            answer = await sinch.SendAsync(credentials, HttpMethod.Post, "messages:send", body, cancellationToken);
        }
        catch (SinchApiException e) when (e.IsTransient)
        {
            await RetryLaterAsync(context, e);
            return;
        }
        catch (SinchApiException e)
        {
            logger.SendRejected(id, command.SinchAppId, (int)e.StatusCode);
            await RefuseAsync(context, e.SinchStatus ?? $"HTTP_{(int)e.StatusCode}", e.Describe());
            return;
        }
        catch (SinchCredentialsRejectedException)
        {
            await RefuseAsync(context, "INVALID_CREDENTIALS", $"Sinch refused the credentials of app {command.SinchAppId}.");
            return;
        }

        // Unreachable or timed out: the exception leaves the attempt in flight, the retry reconciles before sending.
        var sinchMessageId = answer?["message_id"]?.GetValue<string>()
            ?? throw new SinchApiException("Sinch accepted the send without a message id.");
        var acceptedAt = answer?["accepted_time"] is { } accepted ? DateTimeOffset.Parse(accepted.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : time.GetUtcNow();
        await AcceptAsync(context, sinchMessageId, acceptedAt);
    }

    private async Task AcceptAsync(ConsumeContext<SubmitOutboundMessage> context, string sinchMessageId, DateTimeOffset acceptedAt)
    {
        var id = context.Message.Command.OutboundMessageId;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE egress.send_attempt SET in_flight = false, sinch_message_id = {sinchMessageId} WHERE outbound_message_id = {id}",
            context.CancellationToken);
        await context.Publish(new OutboundMessageAccepted { OutboundMessageId = id, SinchMessageId = sinchMessageId, AcceptedAt = acceptedAt });
        logger.Submitted(id, context.Message.Command.SinchAppId, sinchMessageId);
    }

    private async Task RefuseAsync(ConsumeContext<SubmitOutboundMessage> context, string code, string description)
    {
        var id = context.Message.Command.OutboundMessageId;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE egress.send_attempt SET in_flight = false WHERE outbound_message_id = {id}", context.CancellationToken);
        await context.Publish(new OutboundMessageRefused { OutboundMessageId = id, Code = code, Description = description, At = time.GetUtcNow() });
        logger.Refused(id, code);
    }

    private async Task RetryLaterAsync(ConsumeContext<SubmitOutboundMessage> context, SinchApiException e)
    {
        var attempt = context.Message.Attempt;
        if (attempt >= options.Value.MaxAttempts)
        {
            await RefuseAsync(context, e.SinchStatus ?? $"HTTP_{(int)e.StatusCode}", $"Gave up after {attempt} attempts: {e.Describe()}");
            return;
        }

        var delay = RetryDelay(attempt, e.RetryAfter);
        var id = context.Message.Command.OutboundMessageId;
        // Sinch answered: nothing was accepted, so the next attempt may send without reconciling.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE egress.send_attempt SET in_flight = false WHERE outbound_message_id = {id}", context.CancellationToken);
        await context.SchedulePublish(delay, context.Message with { Attempt = attempt + 1 });
        logger.RetryScheduled(id, (int)e.StatusCode, attempt, delay);
    }

    /// <summary>Full jitter on an exponential ceiling; never sooner than Sinch's Retry-After.</summary>
    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var o = options.Value;
        var ceiling = Math.Min(o.InitialRetryDelayMs * Math.Pow(2, attempt - 1), o.MaxRetryDelaySeconds * 1000.0);
        var jittered = TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    /// <summary>
    /// The message an earlier, unfinished attempt may have sent: Sinch's message list since that attempt, matched on
    /// the <c>message_metadata</c> we sent.
    /// </summary>
    private async Task<(string Id, DateTimeOffset AcceptedAt)?> FindAtSinchAsync(
        SinchCredentials credentials, string processingMode, string metadata, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var source = processingMode == "DISPATCH" ? "DISPATCH_SOURCE" : "CONVERSATION_SOURCE";
        var start = Uri.EscapeDataString(since.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        string? pageToken = null;
        for (var page = 0; page < 20; page++)
        {
            var path = $"messages?app_id={credentials.AppId}&direction=TO_CONTACT&messages_source={source}&start_time={start}&page_size=1000"
                + (pageToken is null ? "" : $"&page_token={Uri.EscapeDataString(pageToken)}");
            var list = await sinch.SendAsync(credentials, HttpMethod.Get, path, null, cancellationToken);
            var match = list?["messages"]?.AsArray().FirstOrDefault(m => m?["metadata"]?.GetValue<string>() == metadata);
            if (match is not null)
            {
                var acceptTime = match["accept_time"]?.GetValue<string>();
                return (match["id"]!.GetValue<string>(),
                    acceptTime is null ? time.GetUtcNow() : DateTimeOffset.Parse(acceptTime, System.Globalization.CultureInfo.InvariantCulture));
            }

            pageToken = list?["next_page_token"]?.GetValue<string>();
            if (string.IsNullOrEmpty(pageToken))
            {
                break;
            }
        }

        return null;
    }
}
