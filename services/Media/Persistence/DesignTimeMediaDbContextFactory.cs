using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Media.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the service's settings or servers.</summary>
internal sealed class DesignTimeMediaDbContextFactory : IDesignTimeDbContextFactory<MediaDbContext>
{
    public MediaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MediaDbContext>().UseNpgsql("Host=localhost;Database=media").Options);
}
