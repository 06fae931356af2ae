using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Console.Users;

namespace Platform.Console.Storage;

/// <summary>
/// The console's own database: the people who sign in, and the data-protection keys that seal session cookies (shared
/// by every replica, so a cookie one replica issued opens on all). Everything else lives in the platform's services.
/// </summary>
public sealed class ConsoleDbContext(DbContextOptions<ConsoleDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ConsoleUser> Users => Set<ConsoleUser>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new ConsoleUserConfiguration());
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
