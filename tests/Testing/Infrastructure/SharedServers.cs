using System.Diagnostics;

namespace Platform.Testing.Infrastructure;

/// <summary>
/// The RabbitMQ and PostgreSQL servers of one test run, started at most once per test process and shared by every
/// test class (which isolate themselves with their own virtual host and database). In order of preference: servers
/// the caller started (<c>./platform test</c> exports their addresses), containers where a Docker engine answers,
/// otherwise servers started from this machine's binaries by the same script that <c>./platform up</c> uses.
/// </summary>
public static class SharedServers
{
    private static readonly Lazy<Task<ServerEndpoints>> Servers = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The run's servers, starting them on first use.</summary>
    public static Task<ServerEndpoints> GetAsync() => Servers.Value;

    private static async Task<ServerEndpoints> StartAsync()
    {
        if (ServerEndpoints.FromEnvironment() is { } external)
        {
            return external;
        }

        if (await DockerEngineAnswersAsync())
        {
            return await ContainerServers.StartAsync();
        }

        return await LocalServers.StartAsync();
    }

    private static async Task<bool> DockerEngineAnswersAsync()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (docker is null)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await docker.WaitForExitAsync(timeout.Token);
            return docker.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
