using Microsoft.EntityFrameworkCore;
using Platform.Contact.Contacts;
using Platform.DurableMessaging;

namespace Platform.Contact.Persistence;

/// <summary>The contact service's own database; no other service reads it.</summary>
public sealed class ContactDbContext(DbContextOptions<ContactDbContext> options) : DbContext(options)
{
    public DbSet<ContactRecord> Contacts => Set<ContactRecord>();

    public DbSet<IdentityRecord> Identities => Set<IdentityRecord>();

    public DbSet<AttachedDataEntry> AttachedData => Set<AttachedDataEntry>();

    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    public DbSet<SinchContactSnapshot> SinchContacts => Set<SinchContactSnapshot>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("contact");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContactDbContext).Assembly);
    }
}
