using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// Simulates a crash at the worst moment of the consumer outbox: right after the transaction that recorded the message
/// as consumed (effects and outgoing messages committed together) and before anything was sent. At that commit it cuts
/// the replica off the broker, so the delivery step can never reach RabbitMQ and the broker requeues the message.
/// The commit is either its own statement or the end of the consume step's last save (the durable transaction's
/// commit with the last batch), so both are watched.
/// </summary>
public sealed class CrashAfterConsumedCommit(string database, Guid messageId, BrokerProxy broker) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private int fired;

    public TaskCompletionSource Happened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CrashIfConsumedAsync(cancellationToken);

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await CrashIfConsumedAsync(cancellationToken);
        return result;
    }

    private async Task CrashIfConsumedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref fired) == 0 && await ConsumedButNotDeliveredAsync(cancellationToken) && Interlocked.Exchange(ref fired, 1) == 0)
        {
            broker.Cut();
            Happened.TrySetResult();
        }
    }

    private async Task<bool> ConsumedButNotDeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM inbox_state WHERE message_id = @id AND consumed IS NOT NULL AND delivered IS NULL", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}
