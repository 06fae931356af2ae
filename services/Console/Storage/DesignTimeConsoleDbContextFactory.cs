using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Console.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the service's settings or servers.</summary>
internal sealed class DesignTimeConsoleDbContextFactory : IDesignTimeDbContextFactory<ConsoleDbContext>
{
    public ConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ConsoleDbContext>().UseNpgsql("Host=localhost;Database=console").Options);
}
