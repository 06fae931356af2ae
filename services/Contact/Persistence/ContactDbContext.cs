using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Contact.Persistence;

/// <summary>The contact service's own database; no other service reads it.</summary>
public sealed class ContactDbContext(DbContextOptions<ContactDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("contact");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContactDbContext).Assembly);
    }
}
