using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging;

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

        // Egress's own tables use snake_case columns like the durable messaging tables, so raw SQL reads naturally.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Platform.Egress", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties().Where(p => !(p.ClrType == typeof(uint) && p.IsConcurrencyToken)))
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
