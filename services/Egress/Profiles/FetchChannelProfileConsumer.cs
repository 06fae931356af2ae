using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Egress.Apps;
using Platform.Egress.Persistence;
using Platform.Egress.Sinch;

namespace Platform.Egress.Profiles;

/// <summary>
/// <c>contacts:getChannelProfile</c> for contact (docs/egress.md, "Channel profile"): the profile name, or a failure
/// event. Sinch's 429/5xx and an unreachable Sinch are retried by the endpoint's retry and redelivery, which end; after
/// that the message is dead-lettered, never retried forever. Anything else is answered with a failure at once.
/// </summary>
public sealed class FetchChannelProfileConsumer(EgressDbContext db, AppSecrets secrets, SinchClient sinch, TimeProvider time)
    : IConsumer<FetchChannelProfile>
{
    public async Task Consume(ConsumeContext<FetchChannelProfile> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var connection = await db.Set<SinchAppConnection>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.AppId == m.SinchAppId && a.DisconnectedAt == null, context.CancellationToken);
        if (connection is null)
        {
            await FailAsync(context, "app-not-connected", $"Sinch app {m.SinchAppId} is not connected.");
            return;
        }

        var recipient = string.IsNullOrEmpty(m.SinchContactId)
            ? new JsonObject
            {
                ["identified_by"] = new JsonObject
                {
                    ["channel_identities"] = new JsonArray(new JsonObject { ["channel"] = m.Identity.Channel, ["identity"] = m.Identity.Identity }),
                },
            }
            : new JsonObject { ["contact_id"] = m.SinchContactId };
        JsonNode? answer;
        try
        {
            answer = await sinch.SendAsync(secrets.CredentialsOf(connection), HttpMethod.Post, "contacts:getChannelProfile", new JsonObject
            {
                ["app_id"] = m.SinchAppId,
                ["recipient"] = recipient,
                ["channel"] = m.Identity.Channel,
            }, context.CancellationToken);
        }
        catch (SinchApiException e) when (!e.IsTransient)
        {
            await FailAsync(context, (int)e.StatusCode == 400 ? "not-supported-by-channel" : "sinch-error", e.Describe());
            return;
        }
        catch (SinchCredentialsRejectedException)
        {
            await FailAsync(context, "sinch-error", "Sinch refused the app's credentials.");
            return;
        }

        var name = answer?["profile_name"]?.GetValue<string>();
        await context.Publish(new ChannelProfileFetched
        {
            RequestId = m.RequestId,
            ContactId = m.ContactId,
            SinchAppId = m.SinchAppId,
            Identity = m.Identity,
            ProfileName = string.IsNullOrEmpty(name) ? null : name,
            FetchedAt = time.GetUtcNow(),
        });
    }

    private Task FailAsync(ConsumeContext<FetchChannelProfile> context, string reason, string detail) =>
        context.Publish(new ChannelProfileFetchFailed
        {
            RequestId = context.Message.RequestId,
            ContactId = context.Message.ContactId,
            SinchAppId = context.Message.SinchAppId,
            Identity = context.Message.Identity,
            Reason = reason,
            Detail = detail,
            FailedAt = time.GetUtcNow(),
        });
}
