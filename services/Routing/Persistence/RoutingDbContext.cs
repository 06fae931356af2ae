using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Routing.Persistence;

/// <summary>The routing service's own database; no other service reads it.</summary>
public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("routing");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoutingDbContext).Assembly);
    }
}
