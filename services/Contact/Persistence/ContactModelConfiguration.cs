using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contact.Contacts;

namespace Platform.Contact.Persistence;

internal sealed class ContactRecordConfiguration : IEntityTypeConfiguration<ContactRecord>
{
    public void Configure(EntityTypeBuilder<ContactRecord> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(256);
        builder.Property(x => x.DisplayNameSource).HasColumnName("display_name_source").HasMaxLength(32);
        builder.Property(x => x.SinchContactId).HasColumnName("sinch_contact_id").HasMaxLength(64);
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.Property(x => x.MergedIntoId).HasColumnName("merged_into_id");
        builder.Property(x => x.MergedAt).HasColumnName("merged_at");
        builder.Property(x => x.ErasedAt).HasColumnName("erased_at");
        builder.Ignore(x => x.IsLive);

        // Two first messages of one Sinch contact on two identities race to link it: the loser retries and joins
        // the winner (docs/contact.md, "Keys"). Tombstones give their Sinch id up, so the index only sees live rows.
        builder.HasIndex(x => x.SinchContactId).IsUnique().HasDatabaseName("ux_contacts_sinch_contact_id");
        builder.HasIndex(x => x.DisplayName).HasDatabaseName("ix_contacts_display_name");

        builder.HasMany(x => x.Identities).WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.AttachedData).WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentityRecordConfiguration : IEntityTypeConfiguration<IdentityRecord>
{
    public void Configure(EntityTypeBuilder<IdentityRecord> builder)
    {
        builder.ToTable("identities");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.ContactId).HasColumnName("contact_id");
        builder.Property(x => x.SinchAppId).HasColumnName("sinch_app_id").HasMaxLength(64);
        builder.Property(x => x.Channel).HasColumnName("channel").HasMaxLength(32);
        builder.Property(x => x.Identity).HasColumnName("identity").HasMaxLength(256);
        builder.Property(x => x.IdentityAppId).HasColumnName("identity_app_id").HasMaxLength(64);
        builder.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        builder.Property(x => x.LastSeenAt).HasColumnName("last_seen_at");
        builder.Property(x => x.ProfileRequestId).HasColumnName("profile_request_id");
        builder.Property(x => x.ProfileRequestedAt).HasColumnName("profile_requested_at");
        builder.Property(x => x.ProfileOutcome).HasColumnName("profile_outcome").HasMaxLength(64);

        // The resolve-or-create key: racing first messages of one identity end in one contact (docs/contact.md, "Keys").
        builder.HasIndex(x => new { x.SinchAppId, x.Channel, x.Identity, x.IdentityAppId })
            .IsUnique()
            .HasDatabaseName("ux_identities_key");
        builder.HasIndex(x => x.ProfileRequestId).HasDatabaseName("ix_identities_profile_request_id");
    }
}

internal sealed class AttachedDataEntryConfiguration : IEntityTypeConfiguration<AttachedDataEntry>
{
    public void Configure(EntityTypeBuilder<AttachedDataEntry> builder)
    {
        builder.ToTable("attached_data");
        builder.HasKey(x => new { x.ContactId, x.Key });
        builder.Property(x => x.ContactId).HasColumnName("contact_id");
        builder.Property(x => x.Key).HasColumnName("key").HasMaxLength(128);
        builder.Property(x => x.Value).HasColumnName("value").HasMaxLength(4096);
        builder.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
        builder.Property(x => x.ChangedAt).HasColumnName("changed_at");
        // Key only: values may be long multi-byte text, past what a btree entry can hold; a key narrows enough.
        builder.HasIndex(x => x.Key).HasDatabaseName("ix_attached_data_key");
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("consents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.ContactId).HasColumnName("contact_id");
        builder.Property(x => x.SinchAppId).HasColumnName("sinch_app_id").HasMaxLength(64);
        builder.Property(x => x.Channel).HasColumnName("channel").HasMaxLength(32);
        builder.Property(x => x.Identity).HasColumnName("identity").HasMaxLength(256);
        builder.Property(x => x.IdentityAppId).HasColumnName("identity_app_id").HasMaxLength(64);
        builder.Property(x => x.State).HasColumnName("state").HasMaxLength(16);
        builder.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
        builder.Property(x => x.ChangedAt).HasColumnName("changed_at");
        builder.Property(x => x.RecordedAt).HasColumnName("recorded_at");

        // One current consent per identity and app; erased rows (identity null) never collide.
        builder.HasIndex(x => new { x.SinchAppId, x.Channel, x.Identity, x.IdentityAppId })
            .IsUnique()
            .HasDatabaseName("ux_consents_key");
        builder.HasIndex(x => x.ContactId).HasDatabaseName("ix_consents_contact_id");
    }
}

internal sealed class SinchContactSnapshotConfiguration : IEntityTypeConfiguration<SinchContactSnapshot>
{
    public void Configure(EntityTypeBuilder<SinchContactSnapshot> builder)
    {
        builder.ToTable("sinch_contacts");
        builder.HasKey(x => x.SinchContactId);
        builder.Property(x => x.SinchContactId).HasColumnName("sinch_contact_id").HasMaxLength(64);
        builder.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(256);
        builder.Property(x => x.Metadata).HasColumnName("metadata").HasMaxLength(4096);
        builder.Property(x => x.ChangedAt).HasColumnName("changed_at");
    }
}
