using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Egress.Persistence;

/// <summary>The egress service's own database; no other service reads it.</summary>
public sealed class EgressDbContext(DbContextOptions<EgressDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("egress");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EgressDbContext).Assembly);
    }
}
