using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Health;

namespace Platform.Persistence;

/// <summary>The service's own PostgreSQL database, set up the same way in every stateful service.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>The name of the database's readiness check.</summary>
    public const string HealthCheckName = "database";

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> (scoped) on Npgsql from <c>ConnectionStrings:{name}</c>, a readiness
    /// check named <c>database</c>, and applies pending migrations before the service takes traffic or messages.
    /// Call it before <c>AddMessaging</c> so the schema exists when consumers start.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string name)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetRequiredConnectionString(
            name, $"Host=localhost;Port=5432;Database={name};Username=postgres;Password=postgres");
        connectionString = WithPreparedStatements(connectionString);

        builder.Services.AddDbContext<TDbContext>(db => db.UseNpgsql(connectionString));
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(HealthCheckName, tags: [HealthTags.Ready]);
        builder.Services.AddHostedService<MigrationHostedService<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the durable messaging statements
    /// (inbox claim, saga lock, outbox inserts) repeat for every message, and a prepared statement skips PostgreSQL's
    /// parse and plan each time, which is a good share of the database's work per message.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 50;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
