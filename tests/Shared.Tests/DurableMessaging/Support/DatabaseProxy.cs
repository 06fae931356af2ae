using Npgsql;
using Platform.Testing;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>
/// A TCP proxy in front of PostgreSQL, to make the database look down to one service while the tests' own checks still
/// reach it directly. It reuses the broker proxy, which pipes any TCP stream; only its address form is AMQP.
/// </summary>
public sealed class DatabaseProxy : IAsyncDisposable
{
    private readonly BrokerProxy _proxy;
    private readonly NpgsqlConnectionStringBuilder _target;

    private DatabaseProxy(BrokerProxy proxy, NpgsqlConnectionStringBuilder target)
    {
        _proxy = proxy;
        _target = target;
    }

    /// <summary>The service's connection string: the same database, through the proxy.</summary>
    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_target.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port }.ConnectionString;

    public static DatabaseProxy Start(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return new DatabaseProxy(BrokerProxy.Start($"amqp://x:x@{target.Host}:{target.Port}/"), target);
    }

    /// <summary>Drops every connection and refuses new ones, as a stopped database would.</summary>
    public void Cut()
    {
        _proxy.Cut();
        NpgsqlConnection.ClearAllPools();
    }

    public void Restore() => _proxy.Restore();

    public ValueTask DisposeAsync() => _proxy.DisposeAsync();
}
