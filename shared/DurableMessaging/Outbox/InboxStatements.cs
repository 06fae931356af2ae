using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Platform.DurableMessaging.Outbox;

/// <summary>
/// The two statements of the consumer inbox, written by hand because each replaces several EF round trips: the claim
/// (insert or lock the row in one upsert) and the cleanup (record the delivery and delete the delivered messages in one
/// batch). Table and column names come from the service's EF model.
/// </summary>
internal sealed class InboxStatements
{
    private readonly string _claim;
    private readonly string _cleanup;
    private readonly string _progress;

    private InboxStatements(DbContext db)
    {
        var inbox = ModelNames.For<InboxState>(db);
        var message = ModelNames.For<OutboxMessage>(db);
        string I(string property) => inbox.Column(property);
        var messageId = I(nameof(InboxState.MessageId));
        var consumerId = I(nameof(InboxState.ConsumerId));
        var receiveCount = I(nameof(InboxState.ReceiveCount));
        var lockId = I(nameof(InboxState.LockId));

        // A new row is inserted as consumed and delivered with receive_count 1: it only becomes visible if the consumer's
        // transaction commits, so "consumed" is true exactly when the effects are. An existing row is locked by the
        // update (duplicates of one message wait here for each other) and reports receive_count >= 2. A concurrent
        // duplicate's uncommitted insert makes this one wait, then either see its row or insert its own.
        _claim =
            $"INSERT INTO {inbox.Table} AS i ({messageId}, {consumerId}, {lockId}, {I(nameof(InboxState.Received))}, {receiveCount}, " +
            $"{I(nameof(InboxState.ExpirationTime))}, {I(nameof(InboxState.Consumed))}, {I(nameof(InboxState.Delivered))}) " +
            "VALUES (@message_id, @consumer_id, @lock_id, @now, 1, @expiration_time, @now, @now) " +
            $"ON CONFLICT ({messageId}, {consumerId}) DO UPDATE SET {receiveCount} = i.{receiveCount} + 1, {lockId} = EXCLUDED.{lockId} " +
            $"RETURNING {I(nameof(InboxState.Id))}, {receiveCount}, {I(nameof(InboxState.Consumed))}, {I(nameof(InboxState.Delivered))}, " +
            $"{I(nameof(InboxState.LastSequenceNumber))}";

        _progress =
            $"UPDATE {inbox.Table} SET {I(nameof(InboxState.Delivered))} = @delivered, " +
            $"{I(nameof(InboxState.LastSequenceNumber))} = @last_sequence_number WHERE {I(nameof(InboxState.Id))} = @id";
        // The inbox row first, then the outgoing rows: the order every other writer of both takes (the claim, the
        // consume, the sweeper). A copy of the message that holds the inbox row and deletes the rows it delivered
        // would otherwise wait for this statement while this one waits for the copy's lock (40P01).
        _cleanup = _progress + "; " +
            $"DELETE FROM {message.Table} WHERE {message.Column(nameof(OutboxMessage.InboxMessageId))} = @message_id " +
            $"AND {message.Column(nameof(OutboxMessage.InboxConsumerId))} = @consumer_id";
    }

    public static InboxStatements For<TDbContext>(TDbContext db)
        where TDbContext : DbContext => Cache<TDbContext>.Get(db);

    /// <summary>The claim's SQL, parameters <c>@message_id</c>, <c>@consumer_id</c>, <c>@lock_id</c>, <c>@now</c>, <c>@expiration_time</c>.</summary>
    public string ClaimSql => _claim;

    /// <summary>Inserts or locks the inbox row of a message; runs inside the caller's transaction.</summary>
    public Task<InboxClaim> Claim(DbContext db, InboxClaimRequest request, CancellationToken cancellationToken) =>
        Claim(db, request, null, cancellationToken);

    /// <summary>
    /// The claim, with <paramref name="then"/> (a saga's row lock) sent in the same round trip right after it; its rows
    /// are handed to <see cref="FollowingStatement.Read"/> once the claim is read.
    /// </summary>
    public async Task<InboxClaim> Claim(DbContext db, InboxClaimRequest request, FollowingStatement? then, CancellationToken cancellationToken)
    {
        await using var batch = DurableTransaction.Batch(db);
        var claim = batch.CreateBatchCommand();
        claim.CommandText = _claim;
        claim.Parameters.Add(new NpgsqlParameter<Guid>("message_id", request.MessageId));
        claim.Parameters.Add(new NpgsqlParameter<Guid>("consumer_id", request.ConsumerId));
        claim.Parameters.Add(new NpgsqlParameter<Guid>("lock_id", MassTransit.NewId.NextGuid()));
        claim.Parameters.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = request.Now });
        claim.Parameters.Add(new NpgsqlParameter("expiration_time", NpgsqlDbType.TimestampTz) { Value = (object?)request.ExpirationTime ?? DBNull.Value });
        // The claim first: the inbox row is locked before the saga row, the order of every other writer of both.
        batch.BatchCommands.Add(claim);
        if (then is not null)
        {
            var following = batch.CreateBatchCommand();
            following.CommandText = then.Sql;
            following.Parameters.Add(new NpgsqlParameter { Value = then.Parameter });
            batch.BatchCommands.Add(following);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The inbox upsert returned no row.");
        }

        var receiveCount = reader.GetInt32(1);
        var inbox = new InboxClaim(
            request.MessageId,
            request.ConsumerId,
            reader.GetInt64(0),
            receiveCount,
            IsNew: receiveCount == 1,
            Consumed: reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            Delivered: reader.IsDBNull(3) ? null : reader.GetDateTime(3),
            LastSequenceNumber: reader.IsDBNull(4) ? null : reader.GetInt64(4));
        if (then is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            await then.Read(reader, cancellationToken);
        }

        return inbox;
    }

    /// <summary>Records the delivery and deletes a message's delivered outgoing rows, in one round trip.</summary>
    public Task Cleanup(DbContext db, InboxClaim inbox, DateTime? delivered, long? lastSequenceNumber, CancellationToken cancellationToken) =>
        Execute(db, _cleanup, deletesRows: true, inbox, delivered, lastSequenceNumber, cancellationToken);

    /// <summary>Records how far delivery got, keeping the rows.</summary>
    public Task RecordProgress(DbContext db, InboxClaim inbox, DateTime? delivered, long? lastSequenceNumber, CancellationToken cancellationToken) =>
        Execute(db, _progress, deletesRows: false, inbox, delivered, lastSequenceNumber, cancellationToken);

    private static async Task Execute(DbContext db, string sql, bool deletesRows, InboxClaim inbox, DateTime? delivered, long? lastSequenceNumber, CancellationToken cancellationToken)
    {
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = DurableTransaction.Command(db, sql);
            if (deletesRows)
            {
                command.Parameters.Add(new NpgsqlParameter<Guid>("message_id", inbox.MessageId));
                command.Parameters.Add(new NpgsqlParameter<Guid>("consumer_id", inbox.ConsumerId));
            }

            command.Parameters.Add(new NpgsqlParameter("delivered", NpgsqlDbType.TimestampTz) { Value = (object?)delivered ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("last_sequence_number", NpgsqlDbType.Bigint) { Value = (object?)lastSequenceNumber ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<long>("id", inbox.Id));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static class Cache<TDbContext>
        where TDbContext : DbContext
    {
        private static InboxStatements? _statements;

        public static InboxStatements Get(DbContext db) => _statements ??= new InboxStatements(db);
    }
}

/// <summary>What the claim of one message's inbox row needs.</summary>
internal sealed record InboxClaimRequest(Guid MessageId, Guid ConsumerId, DateTime Now, DateTime? ExpirationTime);

/// <summary>
/// A statement with one positional parameter (<c>$1</c>) sent in the claim's round trip, and what reads its rows.
/// </summary>
internal sealed record FollowingStatement(string Sql, object Parameter, Func<DbDataReader, CancellationToken, Task> Read);

/// <summary>The inbox row of a message as the claim found (or created) it.</summary>
internal sealed record InboxClaim(
    Guid MessageId,
    Guid ConsumerId,
    long Id,
    int ReceiveCount,
    bool IsNew,
    DateTime? Consumed,
    DateTime? Delivered,
    long? LastSequenceNumber);
