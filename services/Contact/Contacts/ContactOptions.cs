using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Contact.Contacts;

/// <summary>Settings of contact resolution; section <c>Contact</c>.</summary>
public sealed class ContactOptions
{
    public const string Section = "Contact";

    /// <summary>
    /// Channels whose profile name contact asks egress for (Sinch's <c>contacts:getChannelProfile</c> serves these;
    /// WhatsApp names come from Sinch's contact instead). Comma-separated.
    /// </summary>
    [Required]
    public string ProfileChannels { get; set; } = "MESSENGER,INSTAGRAM,VIBER,LINE";

    /// <summary>Queue of egress's <c>FetchChannelProfile</c> consumer; sent to through its exchange, as a command destination (a request sent before egress ever declared it fails and is retried instead of vanishing).</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9.-]*$")]
    public string EgressProfileQueue { get; set; } = "egress-fetch-channel-profile";

    public bool FetchesProfile(string channel) =>
        ProfileChannels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(channel, StringComparer.OrdinalIgnoreCase);
}

[OptionsValidator]
internal sealed partial class ContactOptionsValidator : IValidateOptions<ContactOptions>;
