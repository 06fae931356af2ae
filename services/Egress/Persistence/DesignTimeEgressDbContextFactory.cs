using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Egress.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the service's settings or servers.</summary>
internal sealed class DesignTimeEgressDbContextFactory : IDesignTimeDbContextFactory<EgressDbContext>
{
    public EgressDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EgressDbContext>().UseNpgsql("Host=localhost;Database=egress").Options);
}
