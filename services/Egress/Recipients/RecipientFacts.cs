using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Egress.Recipients;

/// <summary>
/// When an identity last wrote to an app (WhatsApp's 24-hour window). Personal data (the identity) is kept because
/// the rule needs it; it is never logged.
/// </summary>
public sealed class IdentityActivity
{
    public string AppId { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Identity { get; set; } = "";

    public string? SinchContactId { get; set; }

    public DateTimeOffset LastInboundAt { get; set; }
}

/// <summary>The latest consent of an identity on an app, as contact reported it (the latest <c>ChangedAt</c> wins).</summary>
public sealed class IdentityConsent
{
    public string AppId { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Identity { get; set; } = "";

    public Guid? ContactId { get; set; }

    public string Consent { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class IdentityActivityMap : IEntityTypeConfiguration<IdentityActivity>
{
    public void Configure(EntityTypeBuilder<IdentityActivity> builder)
    {
        builder.ToTable("identity_activity");
        builder.HasKey(x => new { x.AppId, x.Channel, x.Identity });
        builder.HasIndex(x => new { x.AppId, x.SinchContactId, x.Channel });
    }
}

internal sealed class IdentityConsentMap : IEntityTypeConfiguration<IdentityConsent>
{
    public void Configure(EntityTypeBuilder<IdentityConsent> builder)
    {
        builder.ToTable("identity_consent");
        builder.HasKey(x => new { x.AppId, x.Channel, x.Identity });
        builder.HasIndex(x => new { x.AppId, x.ContactId });
    }
}
