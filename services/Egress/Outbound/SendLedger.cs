using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Egress.Outbound;

/// <summary>
/// Writes that must be committed on their own, outside the consumer's transaction (which commits only after the call):
/// the in-flight attempt before a send, and the per-app rate window shared by all replicas.
/// </summary>
public sealed class SendLedger(NpgsqlDataSource dataSource, IOptions<OutboundOptions> options, TimeProvider time)
{
    private int _calls;

    /// <summary>Marks the attempt in flight; returns when an earlier attempt was still in flight (its start), else null.</summary>
    public async Task<DateTimeOffset?> BeginAsync(Guid outboundMessageId, string appId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DateTimeOffset? earlier = null;
        await using (var select = new NpgsqlCommand(
            "SELECT started_at FROM egress.send_attempt WHERE outbound_message_id = @id AND in_flight FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("id", outboundMessageId);
            if (await select.ExecuteScalarAsync(cancellationToken) is DateTime started)
            {
                earlier = new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc));
            }
        }

        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO egress.send_attempt (outbound_message_id, app_id, in_flight, started_at, calls)
            VALUES (@id, @app, true, @now, 0)
            ON CONFLICT (outbound_message_id) DO UPDATE SET in_flight = true, started_at = LEAST(send_attempt.started_at, @now)
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("id", outboundMessageId);
            upsert.Parameters.AddWithValue("app", appId);
            upsert.Parameters.AddWithValue("now", time.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return earlier;
    }

    /// <summary>Counts one HTTP call, committed at once (so a crash after the call still shows it).</summary>
    public async Task CountCallAsync(Guid outboundMessageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE egress.send_attempt SET calls = calls + 1 WHERE outbound_message_id = @id");
        command.Parameters.AddWithValue("id", outboundMessageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Waits until the app may make one more send this second, across every replica.</summary>
    public async Task AcquireRateAsync(string appId, CancellationToken cancellationToken)
    {
        var limit = options.Value.SendsPerSecondPerApp;
        while (true)
        {
            var now = time.GetUtcNow();
            var window = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            await using var command = dataSource.CreateCommand("""
                INSERT INTO egress.send_rate_window (app_id, window_start, count) VALUES (@app, @window, 1)
                ON CONFLICT (app_id, window_start) DO UPDATE SET count = send_rate_window.count + 1
                RETURNING count
                """);
            command.Parameters.AddWithValue("app", appId);
            command.Parameters.AddWithValue("window", window);
            var count = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (Interlocked.Increment(ref _calls) % 1000 == 0)
            {
                await using var purge = dataSource.CreateCommand("DELETE FROM egress.send_rate_window WHERE window_start < @before");
                purge.Parameters.AddWithValue("before", now.AddMinutes(-1));
                await purge.ExecuteNonQueryAsync(cancellationToken);
            }

            if (count <= limit)
            {
                return;
            }

            var wait = window.AddSeconds(1) - time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 20)) : TimeSpan.FromMilliseconds(1), time, cancellationToken);
        }
    }
}
