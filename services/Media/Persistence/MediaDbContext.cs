using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;
using Platform.Media.Downloads;
using Platform.Media.Erasure;
using Platform.Media.Uploads;

namespace Platform.Media.Persistence;

/// <summary>The media service's own database; no other service reads it.</summary>
public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{
    public DbSet<MediaDownloadState> Downloads => Set<MediaDownloadState>();

    public DbSet<MediaUploadState> Uploads => Set<MediaUploadState>();

    public DbSet<MediaErasure> Erasures => Set<MediaErasure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("media");
        modelBuilder.AddDurableMessaging();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MediaDbContext).Assembly);

        // The durable messaging tables are snake_case; media's own columns follow (xmin keeps its system name).
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Platform.Media", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties().Where(p => !p.IsConcurrencyToken))
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
