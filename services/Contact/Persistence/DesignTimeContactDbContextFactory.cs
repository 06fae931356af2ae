using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Contact.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the service's settings or servers.</summary>
internal sealed class DesignTimeContactDbContextFactory : IDesignTimeDbContextFactory<ContactDbContext>
{
    public ContactDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ContactDbContext>().UseNpgsql("Host=localhost;Database=contact").Options);
}
