using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A TCP proxy in front of RabbitMQ. <see cref="Cut"/> makes the broker look stopped to everything connected through
/// it (connections dropped, new ones refused) without touching the broker that other test classes share;
/// <see cref="Restore"/> brings it back on the same port.
/// </summary>
public sealed class BrokerProxy : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Guid, TcpClient> connections = new();
    private readonly CancellationTokenSource disposed = new();
    private TcpListener? listener;

    private BrokerProxy(IPEndPoint target, string virtualHost, string username, string password)
    {
        this.target = target;
        VirtualHost = virtualHost;
        Username = username;
        Password = password;
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; private set; }

    /// <summary>The virtual host behind the proxy.</summary>
    public string VirtualHost { get; }

    private string Username { get; }

    private string Password { get; }

    /// <summary>AMQP URI through the proxy.</summary>
    public string ConnectionString =>
        $"amqp://{Uri.EscapeDataString(Username)}:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}/{Uri.EscapeDataString(VirtualHost)}";

    /// <summary>True while connections are refused.</summary>
    public bool IsCut => listener is null;

    /// <summary>Starts a proxy to the broker behind <paramref name="brokerConnectionString"/>.</summary>
    public static BrokerProxy Start(string brokerConnectionString)
    {
        var uri = new Uri(brokerConnectionString);
        var address = Dns.GetHostAddresses(uri.Host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var credentials = uri.UserInfo.Split(':', 2);
        var proxy = new BrokerProxy(
            new IPEndPoint(address, uri.IsDefaultPort ? 5672 : uri.Port),
            Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } vhost ? vhost : "/",
            Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
        proxy.Listen(0);
        return proxy;
    }

    /// <summary>Drops every connection and refuses new ones, as a stopped broker would.</summary>
    public void Cut()
    {
        var current = Interlocked.Exchange(ref listener, null);
        current?.Stop();
        foreach (var (id, client) in connections)
        {
            if (connections.TryRemove(id, out _))
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        if (listener is null)
        {
            Listen(Port);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref isDisposed, 1) == 1)
        {
            return;
        }

        await disposed.CancelAsync();
        Cut();
        disposed.Dispose();
    }

    private int isDisposed;

    /// <summary>Connections currently piped (client and broker side each count once).</summary>
    public int OpenConnections => connections.Count;

    private void Listen(int port)
    {
        var next = new TcpListener(IPAddress.Loopback, port);
        next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        next.Start();
        Port = ((IPEndPoint)next.LocalEndpoint).Port;
        listener = next;
        _ = AcceptAsync(next);
    }

    private async Task AcceptAsync(TcpListener from)
    {
        while (!disposed.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await from.AcceptTcpClientAsync(disposed.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = PipeAsync(inbound);
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        var inboundId = Guid.NewGuid();
        var outboundId = Guid.NewGuid();
        connections[inboundId] = inbound;
        connections[outboundId] = outbound;
        try
        {
            await outbound.ConnectAsync(target, disposed.Token);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), stop.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), stop.Token);
            await Task.WhenAny(up, down);
            await stop.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A cut or a closed peer ends the pipe; both sides are closed below.
        }
        finally
        {
            connections.TryRemove(inboundId, out _);
            connections.TryRemove(outboundId, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
