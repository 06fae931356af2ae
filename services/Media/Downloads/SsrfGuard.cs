using System.Net;

namespace Platform.Media.Downloads;

/// <summary>
/// The <c>ConnectCallback</c> of the download client: resolves the host itself, refuses when any resolved address is
/// forbidden (so a mixed DNS answer cannot be played), connects, and checks the connected address again. Because it
/// runs for every connection, a redirect or a DNS answer that changed since an earlier check (rebinding) passes the
/// same test (docs/media.md, "SSRF guard").
/// </summary>
public sealed class SsrfGuard(AddressPolicy policy, IHostResolver resolver, ISocketConnector connector)
{
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var addresses = IPAddress.TryParse(target.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new BlockedAddressException("The host has no address.");
        }

        if (addresses.FirstOrDefault(a => !policy.IsAllowed(a)) is { } forbidden)
        {
            throw new BlockedAddressException($"The host resolves to a forbidden address ({Describe(forbidden)}).");
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            Stream stream;
            try
            {
                stream = await connector.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken).ConfigureAwait(false);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                last = e;
                continue;
            }

            if (stream is System.Net.Sockets.NetworkStream network
                && network.Socket.RemoteEndPoint is IPEndPoint connected
                && !policy.IsAllowed(connected.Address))
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw new BlockedAddressException($"Connected to a forbidden address ({Describe(connected.Address)}).");
            }

            return stream;
        }

        throw last ?? new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostUnreachable);
    }

    /// <summary>The kind of address, never the address itself: the log must not map our private network.</summary>
    private static string Describe(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6";
}
