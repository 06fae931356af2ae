using System.Net;
using System.Net.Sockets;
using Platform.Testing;

namespace Platform.Benchmarks.Support;

/// <summary>Ports and readiness of the child services, all on the loopback interface.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the service on <paramref name="port"/> answers <paramref name="path"/> with 200.</summary>
    public static async Task WaitReadyAsync(int port, CancellationToken cancellationToken, string path = "/health/ready")
    {
        using var client = new HttpClient();
        var health = new Uri($"http://127.0.0.1:{port}{path}");
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var response = await client.GetAsync(health, cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"{health} answers 200",
            TimeSpan.FromMinutes(2));
    }
}
