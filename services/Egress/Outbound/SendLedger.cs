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

    /// <summary>
    /// Marks the attempt in flight and says what an earlier attempt left: still in flight since when (outcome unknown),
    /// or Sinch's id of a send already accepted (then nothing is marked and nothing may be sent).
    /// </summary>
    public async Task<EarlierAttempt> BeginAsync(Guid outboundMessageId, string appId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DateTimeOffset? earlier = null;
        await using (var select = new NpgsqlCommand(
            "SELECT in_flight, started_at, sinch_message_id FROM egress.send_attempt WHERE outbound_message_id = @id FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("id", outboundMessageId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(2))
                {
                    return new EarlierAttempt(null, reader.GetString(2));
                }

                if (reader.GetBoolean(0))
                {
                    earlier = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
                }
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
        return new EarlierAttempt(earlier, null);
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

/// <summary>What an earlier attempt of the same message left behind.</summary>
public sealed record EarlierAttempt(DateTimeOffset? InFlightSince, string? SinchMessageId);
