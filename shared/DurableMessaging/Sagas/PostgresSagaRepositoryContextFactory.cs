using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.DurableMessaging.Outbox;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// Opens the database side of one consumed message for a saga: joins the outbox's transaction when there is one,
/// otherwise runs the saga in its own READ COMMITTED transaction on the scoped <typeparamref name="TDbContext"/>.
/// </summary>
internal sealed class PostgresSagaRepositoryContextFactory<TSaga, TDbContext>(
    TDbContext db,
    ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory,
    DurableMessagingMetrics metrics)
    : ISagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
    where TDbContext : DbContext
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        WithinTransaction(context, async outbox =>
        {
            var repository = new PostgresSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, metrics);
            if (outbox is { ClaimPending: true } && context.CorrelationId is { } correlationId)
            {
                // The outbox's inbox claim travels with this lock: the saga's first statement, before any of its code.
                var (claimed, instance) = await SagaRowLock<TSaga>.ClaimAndLoad(db, correlationId, outbox, metrics, context.CancellationToken);
                if (!claimed)
                {
                    return; // a copy of a message seen before: the outbox does the step again, claiming first
                }

                repository.Preload(correlationId, instance);
            }
            else if (!await ClaimFirst(outbox, context.CancellationToken))
            {
                return;
            }

            await next.Send(repository);
        });

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        WithinTransaction(context, async outbox =>
        {
            if (!await ClaimFirst(outbox, context.CancellationToken))
            {
                return;
            }

            // Locked in id order: two queries matching overlapping sets never wait on each other in a cycle (40P01).
            var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId)
                .OrderBy(x => x)
                .ToListAsync(context.CancellationToken);
            var instances = new List<TSaga>(ids.Count);
            foreach (var id in ids)
            {
                // Lock each match; one deleted, or changed so it no longer matches, while we waited simply drops out.
                if (await SagaRowLock<TSaga>.Load(db, id, metrics, context.CancellationToken) is { } instance && Matches(query, instance))
                {
                    instances.Add(instance);
                }
            }

            var repositoryContext = new PostgresSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, metrics);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
        });

    /// <summary>A claim still pending runs on its own before the saga's first statement; false when it found a copy.</summary>
    private static async Task<bool> ClaimFirst(IOutboxTransactionContext? outbox, CancellationToken cancellationToken) =>
        outbox is not { ClaimPending: true } || await outbox.Claim(null, cancellationToken);

    private static bool Matches(ISagaQuery<TSaga> query, TSaga instance) => query.GetFilter()(instance);

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new PostgresSagaQueryContext<TSaga>(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new PostgresSagaQueryContext<TSaga>(db, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "postgres");

    private Task WithinTransaction(ConsumeContext context, Func<IOutboxTransactionContext?, Task> callback)
    {
        // Inside the consumer outbox: its transaction is open and its save, with the commit, follows the saga.
        if (context.TryGetPayload<IOutboxTransactionContext>(out var outbox) && outbox.InTransaction)
        {
            return callback(outbox);
        }

        return DurableTransaction.RunAsync(db, async () =>
        {
            await callback(null);
            await DurableTransaction.SaveChangesAndCommitAsync(db, context.CancellationToken);
        }, context.CancellationToken);
    }
}
