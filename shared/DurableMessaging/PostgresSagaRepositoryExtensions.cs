using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.DurableMessaging.Sagas;

namespace Platform.DurableMessaging;

/// <summary>Registration of the PostgreSQL saga repository.</summary>
public static class PostgresSagaRepositoryExtensions
{
    /// <summary>
    /// Stores every saga of this bus that has no repository of its own in <typeparamref name="TDbContext"/> (the
    /// service's one DbContext), so <c>AddSagaStateMachine&lt;M, S&gt;()</c> needs nothing more. Each saga type needs an
    /// EF mapping keyed on <c>CorrelationId</c> (value never generated) and, for optimistic concurrency as a second
    /// guard, a <c>uint</c> version property mapped with <c>IsRowVersion()</c>. The sagas' instances are counted by state
    /// for the <c>platform.sagas</c> gauge.
    /// </summary>
    public static IBusRegistrationConfigurator SetPostgresSagaRepositoryProvider<TDbContext>(this IBusRegistrationConfigurator configurator)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.SetSagaRepositoryProvider(new PostgresSagaRepositoryRegistrationProvider<TDbContext>());
        configurator.TryAddSingleton(TimeProvider.System);
        configurator.AddDurableMessagingMetrics();
        configurator.AddHostedService<SagaStateCounter<TDbContext>>();
        return configurator;
    }

    /// <summary>
    /// Stores this saga in <typeparamref name="TDbContext"/>: one transaction per consumed message (or the outbox's),
    /// the instance row locked with <c>SELECT ... FOR UPDATE</c>. Both type arguments are needed because C# cannot infer
    /// <typeparamref name="TSaga"/> while <typeparamref name="TDbContext"/> is stated.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.Repository(services =>
        {
            services.AddDurableMessagingMetrics();
            services.AddSingleton(PostgresSagaType.For<TSaga, TDbContext>());
            services.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>,
                PostgresSagaRepositoryContextFactory<TSaga, TDbContext>>();
            services.RegisterLoadSagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TSaga, TDbContext>>();
            services.RegisterQuerySagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TSaga, TDbContext>>();
        });
        return configurator;
    }

    private sealed class PostgresSagaRepositoryRegistrationProvider<TDbContext> : ISagaRepositoryRegistrationProvider
        where TDbContext : DbContext
    {
        public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
            where TSaga : class, ISaga =>
            configurator.PostgresRepository<TSaga, TDbContext>();
    }
}
