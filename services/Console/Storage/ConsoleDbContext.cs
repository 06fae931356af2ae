using Microsoft.EntityFrameworkCore;
using Platform.Console.Users;

namespace Platform.Console.Storage;

/// <summary>The console's own database: the people who sign in. Everything else lives in the platform's services.</summary>
public sealed class ConsoleDbContext(DbContextOptions<ConsoleDbContext> options) : DbContext(options)
{
    public DbSet<ConsoleUser> Users => Set<ConsoleUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new ConsoleUserConfiguration());
    }
}
