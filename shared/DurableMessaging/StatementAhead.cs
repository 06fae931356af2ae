using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Platform.DurableMessaging;

/// <summary>
/// A statement of durable messaging that needs no round trip of its own: it travels with the transaction's next query
/// and runs just before it (<see cref="DurableTransaction.SendAheadOfNextQuery"/>). The inbox claim rides with the
/// saga's row lock this way (docs/durable-messaging.md, "Round trips").
/// </summary>
internal interface IStatementAhead
{
    /// <summary>The statement, with its parameters.</summary>
    NpgsqlBatchCommand CreateCommand();

    /// <summary>Reads the statement's one result set.</summary>
    Task Read(DbDataReader reader, CancellationToken cancellationToken);
}

/// <summary>
/// Turns the next query EF runs on a DbContext with a statement waiting (<see cref="IStatementAhead"/>) into one Npgsql
/// batch: the statement, then the query. It reads the statement's result and hands EF the reader positioned on the
/// query's (EF's documented way for an interceptor to supply the result). PostgreSQL runs a batch in order and skips the
/// rest after an error, so the query never runs when the statement failed. Registered by
/// <see cref="ServiceDatabaseExtensions.AddServiceDbContext{TDbContext}"/>.
/// </summary>
internal sealed class StatementAheadInterceptor : DbCommandInterceptor
{
    public static readonly StatementAheadInterceptor Instance = new();

    private StatementAheadInterceptor()
    {
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        if (result.HasResult || eventData.Context is null || DurableTransaction.TakeStatementAhead(eventData.Context) is not { } ahead)
        {
            return result;
        }

        var query = (NpgsqlCommand)command;
        var batch = new NpgsqlBatch(query.Connection, query.Transaction);
        batch.BatchCommands.Add(ahead.CreateCommand());
        var queryCommand = new NpgsqlBatchCommand(query.CommandText);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            queryCommand.Parameters.Add(parameter.Clone());
        }

        batch.BatchCommands.Add(queryCommand);
        var reader = await batch.ExecuteReaderAsync(cancellationToken);
        try
        {
            await ahead.Read(reader, cancellationToken);
            if (!await reader.NextResultAsync(cancellationToken))
            {
                throw new InvalidOperationException("The query sent after a durable messaging statement returned no result.");
            }

            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        // Durable messaging only queries asynchronously; a statement waiting for a synchronous query is a bug.
        if (eventData.Context is not null && DurableTransaction.HasStatementAhead(eventData.Context))
        {
            throw new InvalidOperationException("A durable messaging statement waits for the next query, which must run asynchronously.");
        }

        return result;
    }
}
