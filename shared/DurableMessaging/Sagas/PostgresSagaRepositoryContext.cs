using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.DurableMessaging.Sagas;

/// <summary>
/// What MassTransit's saga pipe does to one instance while a message is consumed, on the scoped DbContext inside the
/// transaction opened by <see cref="PostgresSagaRepositoryContextFactory{TSaga,TDbContext}"/> or by the outbox.
/// </summary>
/// <remarks>
/// Changes to the instance are only tracked here: the owner of the transaction saves everything tracked in one batch
/// right after the saga ran, together with the commit (the consumer outbox with the inbox state and outgoing messages,
/// otherwise <see cref="PostgresSagaRepositoryContextFactory{TSaga,TDbContext}"/>). Saving here too would only add round
/// trips. Only <see cref="Insert"/> saves at once: it has to learn whether the row already exists.
/// </remarks>
internal sealed class PostgresSagaRepositoryContext<TSaga, TMessage>(
    DbContext db,
    ConsumeContext<TMessage> consumeContext,
    ISagaConsumeContextFactory<DbContext, TSaga> factory,
    DurableMessagingMetrics metrics)
    : ConsumeContextScope<TMessage>(consumeContext, db), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private const string InsertSavepoint = "saga_insert";

    private readonly ConsumeContext<TMessage> _consumeContext = consumeContext;
    private (Guid CorrelationId, TSaga? Instance)? _preloaded;

    /// <summary>The instance (or its absence) already locked for this message, which the first <see cref="Load"/> returns.</summary>
    public void Preload(Guid correlationId, TSaga? instance) => _preloaded = (correlationId, instance);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>?> Insert(TSaga instance)
    {
        if (_preloaded is { Instance: not null } preloaded && preloaded.CorrelationId == instance.CorrelationId)
        {
            return null; // the row exists and this transaction holds its lock: the Load that follows returns it
        }

        _preloaded = null; // a failed insert means the row exists now: the Load after it must read it
        var entry = db.Set<TSaga>().Add(instance);
        // Behind a savepoint, a duplicate key rolls back only this insert and the transaction stays usable for the Load
        // that follows.
        var transaction = db.Database.CurrentTransaction;
        if (transaction is not null)
        {
            await transaction.CreateSavepointAsync(InsertSavepoint, CancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken);
            DurableTransaction.Locked(db, instance); // inserted by this transaction: no one else can change it before the commit
            return await factory.CreateSagaConsumeContext(db, _consumeContext, instance, SagaConsumeContextMode.Insert);
        }
        catch (DbUpdateException)
        {
            entry.State = EntityState.Detached;
            if (transaction is not null)
            {
                await transaction.RollbackToSavepointAsync(InsertSavepoint, CancellationToken.None);
            }

            return null;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>?> Load(Guid correlationId)
    {
        var instance = _preloaded is { } preloaded && preloaded.CorrelationId == correlationId
            ? preloaded.Instance
            : await SagaRowLock<TSaga>.Load(db, correlationId, metrics, CancellationToken);
        _preloaded = null;
        return instance is null
            ? null
            : await factory.CreateSagaConsumeContext(db, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        // Two initial events for a new instance both get here; the loser fails on the primary key, its transaction
        // rolls back and the endpoint's retry finds the winner's row with Load.
        db.Set<TSaga>().Add(context.Saga);
        return Task.CompletedTask;
    }

    public Task Update(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Set<TSaga>().Remove(context.Saga);
        return Task.CompletedTask;
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = db.ChangeTracker.Entries<TSaga>().FirstOrDefault(x => x.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
        {
            entry.State = EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);
}

/// <summary>Reads saga instances outside message consumption (test harness, <c>ILoadSagaRepository</c>), without locks.</summary>
internal sealed class PostgresSagaQueryContext<TSaga>(DbContext db, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), QuerySagaRepositoryContext<TSaga>, LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public async Task<TSaga> Load(Guid correlationId) =>
        (await db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken)
    {
        var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId).ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
