using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Routing.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the service's settings or servers.</summary>
internal sealed class DesignTimeRoutingDbContextFactory : IDesignTimeDbContextFactory<RoutingDbContext>
{
    public RoutingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RoutingDbContext>().UseNpgsql("Host=localhost;Database=routing").Options);
}
