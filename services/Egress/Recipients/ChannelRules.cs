using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Egress.Outbound;
using Platform.Egress.Persistence;

namespace Platform.Egress.Recipients;

/// <summary>
/// Rules checked before any call to Sinch (docs/egress.md, "Channel rules"): opt-out and WhatsApp's 24-hour window.
/// (MMS stays MMS is a matter of what is sent: <see cref="SinchSendRequest"/>.)
/// </summary>
public sealed class ChannelRules(EgressDbContext db, IOptions<OutboundOptions> options, TimeProvider time)
{
    public const string OptedOut = "RECIPIENT_OPTED_OUT";
    public const string OutsideWindow = "OUTSIDE_ALLOWED_SENDING_WINDOW";

    /// <summary>Null when the send may go; else the code and reason of the refusal.</summary>
    public async Task<(string Code, string Reason)?> RefusalAsync(SendOutboundMessage command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var identities = command.Recipients.Select(r => r.Identity).ToList();
        var optedOut = await db.Set<IdentityConsent>().AsNoTracking()
            .Where(c => c.AppId == command.SinchAppId && c.Consent == ConsentStates.OptOut)
            .Where(c => identities.Contains(c.Identity) || (command.ContactId != null && c.ContactId == command.ContactId))
            .Where(c => command.ConversationChannel == null || c.Channel == command.ConversationChannel)
            .AnyAsync(cancellationToken);
        if (optedOut)
        {
            return (OptedOut, "The recipient opted out of messages from this app on this channel.");
        }

        if (IsWhatsApp(command) && SinchSendRequest.KindOf(command.Content) != "template_message")
        {
            var window = TimeSpan.FromHours(options.Value.WhatsAppWindowHours);
            var last = await LastInboundAsync(command, cancellationToken);
            if (last is null || time.GetUtcNow() - last.Value > window)
            {
                return (OutsideWindow,
                    $"WhatsApp's 24-hour customer service window is closed (last customer message: {(last is null ? "none" : last.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}); only a template may be sent.");
            }
        }

        return null;
    }

    private static bool IsWhatsApp(SendOutboundMessage command) =>
        string.Equals(command.ConversationChannel, SinchSendRequest.WhatsApp, StringComparison.OrdinalIgnoreCase)
        || (command.ConversationChannel is null && command.ChannelPriority.Count == 0 && command.Recipients.Count > 0
            && command.Recipients.All(r => string.Equals(r.Channel, SinchSendRequest.WhatsApp, StringComparison.OrdinalIgnoreCase)));

    private async Task<DateTimeOffset?> LastInboundAsync(SendOutboundMessage command, CancellationToken cancellationToken)
    {
        var identities = command.Recipients.Where(r => string.Equals(r.Channel, SinchSendRequest.WhatsApp, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Identity).ToList();
        var rows = db.Set<IdentityActivity>().AsNoTracking()
            .Where(a => a.AppId == command.SinchAppId && a.Channel == SinchSendRequest.WhatsApp)
            .Where(a => identities.Contains(a.Identity) || (command.SinchContactId != null && a.SinchContactId == command.SinchContactId));
        return await rows.MaxAsync(a => (DateTimeOffset?)a.LastInboundAt, cancellationToken);
    }
}
