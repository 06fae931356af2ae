using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Media.Tests.Support;

/// <summary>
/// A channel CDN with behaviour the emulator does not script: answers that fail a few times first, bodies without a
/// length, redirects, and a body that stops half-way until the test lets it go on.
/// </summary>
internal sealed class MediaSourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SourceFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private MediaSourceServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<MediaSourceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new MediaSourceServer(app);
        app.MapGet("/files/{name}", server.ServeAsync);
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return server;
    }

    /// <summary>Serves <paramref name="file"/> at <c>/files/{name}</c>; returns its URL.</summary>
    public string Host(string name, SourceFile file)
    {
        _files[name] = file;
        return new Uri(BaseAddress, $"/files/{name}").ToString();
    }

    public int RequestsFor(string name) => _requests.GetValueOrDefault(name);

    public string RedirectTo(string target) => new Uri(BaseAddress, $"/redirect?to={Uri.EscapeDataString(target)}").ToString();

    private async Task ServeAsync(string name, HttpContext context)
    {
        var count = _requests.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (!_files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (count <= file.FailuresFirst)
        {
            context.Response.StatusCode = file.FailureStatus;
            return;
        }

        context.Response.ContentType = file.ContentType;
        if (!file.Chunked)
        {
            context.Response.ContentLength = file.Content.Length;
        }

        var half = file.Stall is null ? file.Content.Length : file.Content.Length / 2;
        await context.Response.Body.WriteAsync(file.Content.AsMemory(0, half), context.RequestAborted);
        if (file.Stall is { } stall)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            stall.HalfSent.TrySetResult();
            await stall.Release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(file.Content.AsMemory(half), context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A file and how to serve it.</summary>
internal sealed record SourceFile(byte[] Content, string ContentType = "application/octet-stream")
{
    /// <summary>Answer <see cref="FailureStatus"/> to this many requests first.</summary>
    public int FailuresFirst { get; init; }

    public int FailureStatus { get; init; } = 500;

    /// <summary>No Content-Length: the size limit must be enforced while streaming.</summary>
    public bool Chunked { get; init; }

    /// <summary>When set, the first request stops after half the body until released.</summary>
    public SourceStall? Stall { get; init; }
}

internal sealed class SourceStall
{
    public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
