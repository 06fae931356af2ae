using System.Diagnostics;

namespace Platform.Testing.Infrastructure;

/// <summary>
/// Servers started from this machine's binaries by <c>./platform infra-start</c> (the one place that knows how),
/// in a directory under <see cref="Root"/> that records the owning test process. Stopped when the process exits;
/// directories left by a process that crashed are cleaned up by the next run.
/// </summary>
internal static class LocalServers
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "platform-test-servers");

    public static async Task<ServerEndpoints> StartAsync()
    {
        var script = FindPlatformScript();
        Directory.CreateDirectory(Root);
        await CleanUpAfterDeadRunsAsync(script);

        var dir = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "owner-process"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var output = await RunAsync(script, "infra-start", Path.Combine(dir, "servers"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, dir);

        var settings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
        return ServerEndpoints.FromSettings(name => settings.GetValueOrDefault(name))
            ?? throw new InvalidOperationException($"./platform infra-start printed no server settings:\n{output}");
    }

    private static void Stop(string script, string dir)
    {
        try
        {
            RunAsync(script, "infra-stop", Path.Combine(dir, "servers")).GetAwaiter().GetResult();
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The next run cleans up what is left: its owner process will be gone.
        }
    }

    private static async Task CleanUpAfterDeadRunsAsync(string script)
    {
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var ownerFile = Path.Combine(dir, "owner-process");
            if (File.Exists(ownerFile)
                && int.TryParse(await File.ReadAllTextAsync(ownerFile), out var owner)
                && ProcessIsAlive(owner))
            {
                continue;
            }

            try
            {
                await RunAsync(script, "infra-stop", Path.Combine(dir, "servers"));
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // Another run may be cleaning the same directory.
            }
        }
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
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "platform");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No Docker engine, no {ServerEndpoints.RabbitMqVariable}/{ServerEndpoints.PostgresVariable} set, and the repository's ./platform script was not found above {AppContext.BaseDirectory}.");
    }
}
