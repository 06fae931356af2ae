using System.Data.Common;
using MassTransit;

namespace Platform.Messaging;

/// <summary>
/// Recognises a failure that only says "the database cannot be reached right now" (connection refused or dropped,
/// server shutting down or starting, too many connections) anywhere in an exception's chain. Such a message is fine
/// and must wait in its own queue until the database is back: never scheduled for redelivery (the scheduler needs the
/// same database) and never dead-lettered.
/// </summary>
public static class DatabaseOutage
{
    // Transient by the driver, but about this transaction rather than the database: retried like any other failure.
    private static readonly HashSet<string> ConflictStates = ["40001", "40P01", "55P03"];

    /// <summary>True when <paramref name="exception"/> or one of its causes is a transient database failure.</summary>
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } database && !ConflictStates.Contains(database.SqlState ?? ""))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Is))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// First filter of every endpoint's error pipe: a message that failed only because the database is down is not moved to
/// <c>_error</c>; the filter rethrows, so the transport returns it to its queue (RabbitMQ nack with requeue), where it
/// waits its next delivery and its next round of outage retries.
/// </summary>
internal sealed class RequeueOnDatabaseOutageFilter : IFilter<ExceptionReceiveContext>
{
    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (DatabaseOutage.Is(context.Exception))
        {
            throw new DatabaseUnavailableException(context.Exception);
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("requeueOnDatabaseOutage");
}

/// <summary>Returns a message to its queue because the database is unavailable.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatabaseUnavailableException() : base("The database is unavailable; the message goes back to its queue.")
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DatabaseUnavailableException(Exception innerException)
        : base("The database is unavailable; the message goes back to its queue.", innerException)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
