using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Health;

namespace Platform.DurableMessaging;

/// <summary>The service's own PostgreSQL database, set up the same way in every stateful service.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>The name of the database's readiness check.</summary>
    public const string HealthCheckName = "database";

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> (scoped, pooled: <see cref="AddServiceDbContext{TDbContext}"/>) on Npgsql from <c>ConnectionStrings:{name}</c>, a readiness
    /// check named <c>database</c>, and applies pending migrations before the service takes traffic or messages.
    /// Call it before <c>AddMessaging</c> so the schema exists when consumers start.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string name)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetRequiredConnectionString(
            name, $"Host=localhost;Port=5432;Database={name};Username=postgres;Password=postgres");
        builder.Services.AddServiceDbContext<TDbContext>(connectionString);
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(HealthCheckName, tags: [HealthTags.Ready]);
        builder.Services.AddHostedService<MigrationHostedService<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> as every service does: from a pool, with the Npgsql settings of
    /// <see cref="WithServiceDefaults"/>. Every consumed message opens a scope and its DbContext; a pooled one is reset and
    /// reused instead of built (EF's internal services, state manager and change tracker: about half of what a saga
    /// event allocated without the pool). A service's DbContext therefore takes nothing but its options. Its saves can carry
    /// the commit of a durable transaction (<see cref="CommitWithLastBatchFactory"/>).
    /// </summary>
    public static IServiceCollection AddServiceDbContext<TDbContext>(this IServiceCollection services, string connectionString)
        where TDbContext : DbContext
    {
        var withDefaults = WithServiceDefaults(connectionString);
        return services.AddDbContextPool<TDbContext>(db => db
            .UseNpgsql(withDefaults)
            .ReplaceService<IModificationCommandBatchFactory, CommitWithLastBatchFactory>());
    }

    /// <summary>
    /// Npgsql settings for a service's database unless its connection string sets them: automatic preparation (the
    /// durable messaging statements, inbox claim, saga lock, outbox inserts, repeat for every message, and a prepared
    /// statement skips PostgreSQL's parse and plan each time) and no session reset when a pooled connection is reused
    /// (the reset is a statement per transaction; nothing here leaves session state behind: the advisory locks used are
    /// transaction-scoped).
    /// </summary>
    public static string WithServiceDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 50;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
