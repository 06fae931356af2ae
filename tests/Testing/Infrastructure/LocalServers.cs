using System.Diagnostics;
using System.Globalization;

namespace Platform.Testing.Infrastructure;

/// <summary>
/// Servers started from this machine's binaries by <c>./platform infra-start</c> (the one place that knows how), shared
/// by every test process on the machine: <c>dotnet test Platform.sln</c> runs each test assembly in its own process, and
/// one RabbitMQ and one PostgreSQL serve them all. Each process registers itself under <see cref="Root"/>; the last one
/// to leave stops the servers, and a process that finds only dead registrations (a crashed run) replaces them.
/// </summary>
internal static class LocalServers
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "platform-test-servers");
    private static readonly string Servers = Path.Combine(Root, "servers");
    private static readonly string Users = Path.Combine(Root, "users");
    private static readonly string Settings = Path.Combine(Servers, "settings");

    public static async Task<ServerEndpoints> StartAsync()
    {
        var script = FindPlatformScript();
        Directory.CreateDirectory(Users);
        string settings;
        using (await MachineLock.AcquireAsync(Path.Combine(Root, ".lock")))
        {
            if (LiveUsers().Count == 0 || !File.Exists(Settings))
            {
                // Nobody alive uses what is there: leftovers of a crashed run, or nothing at all.
                await RunAsync(script, "infra-stop", Servers);
                await RunAsync(script, "infra-start", Servers);
            }

            settings = await File.ReadAllTextAsync(Settings);
            await File.WriteAllTextAsync(Path.Combine(Users, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)), "");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Leave(script);
        var values = settings.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
        return ServerEndpoints.FromSettings(name => values.GetValueOrDefault(name))
            ?? throw new InvalidOperationException($"./platform infra-start wrote no server settings:\n{settings}");
    }

    private static void Leave(string script)
    {
        try
        {
            using var held = MachineLock.AcquireAsync(Path.Combine(Root, ".lock")).GetAwaiter().GetResult();
            File.Delete(Path.Combine(Users, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            if (LiveUsers().Count == 0)
            {
                RunAsync(script, "infra-stop", Servers).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            // The next run cleans up what is left: this process will be gone by then.
        }
    }

    /// <summary>Registered processes still running; registrations of dead ones are removed.</summary>
    private static List<int> LiveUsers()
    {
        var live = new List<int>();
        foreach (var file in Directory.EnumerateFiles(Users))
        {
            if (int.TryParse(Path.GetFileName(file), out var pid) && ProcessIsAlive(pid))
            {
                live.Add(pid);
            }
            else
            {
                File.Delete(file);
            }
        }

        return live;
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stderr}");
        }

        return await stdout;
    }

    private static string FindPlatformScript()
    {
        try
        {
            var script = Path.Combine(RepositoryRoot.Path, "platform");
            if (File.Exists(script))
            {
                return script;
            }
        }
        catch (InvalidOperationException)
        {
            // Not inside a checkout: said below.
        }

        throw new InvalidOperationException(
            $"No Docker engine, no {ServerEndpoints.RabbitMqVariable}/{ServerEndpoints.PostgresVariable} set, and the repository's ./platform script was not found above {AppContext.BaseDirectory}.");
    }
}
