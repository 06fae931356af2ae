using System.Data;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

/// <summary>
/// Runs one consumed message through the inbox and outbox, one short transaction per step, until
/// <see cref="OutboxMessagePipe{TMessage}"/> (MassTransit core) says the message is consumed, delivered and cleaned up.
/// Each step first takes the inbox row's lock, so duplicates of a message wait for each other instead of both running.
/// </summary>
internal sealed class PostgresOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider) : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    private static string? _lockSql;
    private static string? _insertSql;

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The inbox needs a MessageId");
        BuildSql();

        var continueProcessing = true;
        while (continueProcessing)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            continueProcessing = await strategy.ExecuteAsync(() => RunStep(context, options, next, messageId));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");

    private async Task<bool> RunStep<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId)
        where T : class
    {
        // READ COMMITTED with explicit row locks: after waiting for a lock PostgreSQL re-reads the committed row,
        // whereas REPEATABLE READ would fail the waiter with 40001 (handbook §7).
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
        try
        {
            var inbox = await LockInboxRow(messageId, options.ConsumerId, context);
            inbox.LockId = NewId.NextGuid();
            inbox.ReceiveCount++;
            await db.SaveChangesAsync(context.CancellationToken);

            var outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, transaction.TransactionId, inbox);
            await next.Send(outboxContext);
            await db.SaveChangesAsync(context.CancellationToken);
            // Never cancelled: work that is done must not be thrown away (and redone) by a shutdown mid-commit.
            await transaction.CommitAsync(CancellationToken.None);
            return outboxContext.ContinueProcessing;
        }
        catch
        {
            // Whatever the consumer tracked belongs to the rolled-back transaction; a retry starts clean.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<InboxState> LockInboxRow(Guid messageId, Guid consumerId, ConsumeContext context)
    {
        var row = await SelectForUpdate(messageId, consumerId, context.CancellationToken);
        if (row is not null)
        {
            return row;
        }

        // ON CONFLICT DO NOTHING waits for a concurrent duplicate's uncommitted insert instead of failing, and the
        // second SELECT then sees (and locks) whichever row won.
        await db.Database.ExecuteSqlRawAsync(
            _insertSql!,
            [
                new NpgsqlParameter<Guid>("p0", messageId),
                new NpgsqlParameter<Guid>("p1", consumerId),
                new NpgsqlParameter<Guid>("p2", NewId.NextGuid()),
                new NpgsqlParameter<DateTime>("p3", DateTime.UtcNow),
                new NpgsqlParameter("p4", NpgsqlDbType.TimestampTz) { Value = (object?)context.ExpirationTime?.ToUniversalTime() ?? DBNull.Value },
            ],
            context.CancellationToken);
        return await SelectForUpdate(messageId, consumerId, context.CancellationToken)
            ?? throw new InvalidOperationException("The inbox row disappeared after it was inserted.");
    }

    private async Task<InboxState?> SelectForUpdate(Guid messageId, Guid consumerId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<InboxState>()
            .FromSqlRaw(_lockSql!, messageId, consumerId)
            .AsTracking()
            .ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    private void BuildSql()
    {
        if (_lockSql is not null)
        {
            return;
        }

        var names = ModelNames.For<InboxState>(db);
        var messageId = names.Column(nameof(InboxState.MessageId));
        var consumerId = names.Column(nameof(InboxState.ConsumerId));
        _insertSql =
            $"INSERT INTO {names.Table} ({messageId}, {consumerId}, {names.Column(nameof(InboxState.LockId))}, " +
            $"{names.Column(nameof(InboxState.Received))}, {names.Column(nameof(InboxState.ReceiveCount))}, " +
            $"{names.Column(nameof(InboxState.ExpirationTime))}) VALUES (@p0, @p1, @p2, @p3, 0, @p4) " +
            $"ON CONFLICT ({messageId}, {consumerId}) DO NOTHING";
        _lockSql = $"SELECT * FROM {names.Table} WHERE {messageId} = {{0}} AND {consumerId} = {{1}} FOR UPDATE";
    }
}
