using System.Diagnostics;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Platform.Media.Storage;

namespace Platform.Media.Tests.Support;

/// <summary>
/// A real S3-compatible server for the storage contract tests: MinIO in a container where a Docker engine answers,
/// otherwise npm's <c>s3rver</c>, installed once into a cache folder by this fixture (like the run's other servers,
/// nothing to set up by hand) and started on a free loopback port; stopped when the class is done.
/// </summary>
public sealed partial class S3Server : IAsyncLifetime
{
    private const string S3rverVersion = "3.7.1";
    private Process? _s3rver;
    private IContainer? _minio;
    private string? _dataDirectory;

    public S3StorageOptions Options { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var bucket = $"media-{Guid.NewGuid():N}"[..20];
        if (await DockerEngineAnswersAsync())
        {
            _minio = new ContainerBuilder("minio/minio:latest")
                .WithCommand("server", "/data")
                .WithEnvironment("MINIO_ROOT_USER", "minioadmin")
                .WithEnvironment("MINIO_ROOT_PASSWORD", "minioadmin")
                .WithPortBinding(9000, true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/minio/health/ready").ForPort(9000)))
                .Build();
            await _minio.StartAsync();
            Options = Settings($"http://{_minio.Hostname}:{_minio.GetMappedPublicPort(9000)}", "minioadmin", "minioadmin", bucket);
        }
        else
        {
            Options = Settings(await StartS3rverAsync(), "S3RVER", "S3RVER", bucket);
        }

        using var storage = new S3MediaStorage(Options);
        await storage.EnsureBucketAsync(default);
    }

    private static S3StorageOptions Settings(string url, string key, string secret, string bucket) => new()
    {
        ServiceUrl = url,
        AccessKey = key,
        SecretKey = secret,
        Bucket = bucket,
        PartSizeBytes = 5 * 1024 * 1024,
    };

    private async Task<string> StartS3rverAsync()
    {
        var cache = Path.Combine(Path.GetTempPath(), "platform-test-tools", $"s3rver-{S3rverVersion}");
        var script = Path.Combine(cache, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            Directory.CreateDirectory(cache);
            await RunAsync("npm", "install", "--prefix", cache, "--no-audit", "--no-fund", $"s3rver@{S3rverVersion}");
        }

        _dataDirectory = Path.Combine(Path.GetTempPath(), "s3rver-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "-d", _dataDirectory, "-a", "127.0.0.1", "-p", "0", "--no-vhost-buckets" })
        {
            start.ArgumentList.Add(argument);
        }

        _s3rver = Process.Start(start) ?? throw new InvalidOperationException("could not start s3rver");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _s3rver.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = _s3rver.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = _s3rver.StandardError.ReadToEndAsync(CancellationToken.None);
                return $"http://127.0.0.1:{match.Groups[1].Value}";
            }
        }

        throw new InvalidOperationException($"s3rver exited without listening: {await _s3rver.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await stderr}");
        }
    }

    private static async Task<bool> DockerEngineAnswersAsync()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
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

    public async Task DisposeAsync()
    {
        if (_minio is not null)
        {
            await _minio.DisposeAsync();
        }

        if (_s3rver is { HasExited: false })
        {
            _s3rver.Kill(entireProcessTree: true);
            await _s3rver.WaitForExitAsync();
        }

        _s3rver?.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [GeneratedRegex(@"listening on [^:]+:(\d+)")]
    private static partial Regex Listening();
}
