using System.Net;

namespace Platform.Media.Downloads;

/// <summary>Name resolution for downloads; tests replace it to map test host names to forbidden addresses.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>Opens a TCP connection; tests replace it to prove that no socket was opened to a refused address.</summary>
public interface ISocketConnector
{
    Task<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken);
}

internal sealed class TcpSocketConnector : ISocketConnector
{
    public async Task<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(endPoint.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);

            // The address actually connected is checked again by the caller: it is the one that counts.
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
