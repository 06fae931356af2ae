using System.Diagnostics;
using Platform.Testing;

namespace Platform.Benchmarks.Support;

/// <summary>
/// The services a benchmark measures run as Release builds in child processes (as in production, not in the
/// benchmark's process); their output is echoed indented. Disposing kills every child still running.
/// </summary>
internal sealed class ChildProcesses : IAsyncDisposable
{
    private readonly List<Process> _children = [];

    /// <summary>Builds a project in Release (quietly) before its dll is started.</summary>
    public static Task BuildReleaseAsync(string projectPath, CancellationToken cancellationToken) =>
        RunToEndAsync("dotnet", $"build \"{Path.Combine(RepositoryRoot.Path, projectPath)}\" -c Release -nologo -v:q -clp:NoSummary", cancellationToken);

    /// <summary>Starts a built service's dll, e.g. <c>services/Routing/bin/Release/net10.0/Platform.Routing.dll</c>.</summary>
    public Process StartDll(string dllPath, Dictionary<string, string> environment, string? workingDirectory = null)
    {
        var process = Start("dotnet", $"\"{Path.Combine(RepositoryRoot.Path, dllPath)}\"", environment, workingDirectory);
        _children.Add(process);
        return process;
    }

    /// <summary>Starts any command as a child (e.g. this benchmark program again, in a server role).</summary>
    public Process StartCommand(string fileName, string arguments, Dictionary<string, string> environment)
    {
        var process = Start(fileName, arguments, environment, null);
        _children.Add(process);
        return process;
    }

    /// <summary>Runs a command to its end; fails on a non-zero exit code.</summary>
    public static async Task RunToEndAsync(string fileName, string arguments, CancellationToken cancellationToken)
    {
        using var process = Start(fileName, arguments, [], null);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} exited with {process.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync(CancellationToken.None);
            child.Dispose();
        }

        _children.Clear();
    }

    private static Process Start(string fileName, string arguments, Dictionary<string, string> environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine("  | " + line);
        }
    }
}
