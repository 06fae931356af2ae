using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Media.Persistence;

/// <summary>The media service's own database; no other service reads it.</summary>
public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("media");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MediaDbContext).Assembly);
    }
}
