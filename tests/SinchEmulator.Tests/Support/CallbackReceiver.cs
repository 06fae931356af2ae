using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.SinchEmulator.Tests.Support;

/// <summary>
/// A tiny real HTTP server on a loopback port standing in for the platform's ingress: records every
/// callback with its raw bytes, answers with scripted statuses, and serves a picture at /files/picture.png.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    public static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly ConcurrentQueue<int> _scriptedStatuses = new();

    private CallbackReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string WebhookUrl => BaseUrl + "/webhooks/sinch";

    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

    public int MediaRequests { get; private set; }

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new CallbackReceiver(builder.Build());
        receiver.Map();
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    /// <summary>The next callbacks are answered with these statuses, in order; then 200 again.</summary>
    public void AnswerNextWith(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scriptedStatuses.Enqueue(status);
        }
    }

    public void Clear()
    {
        _received.Clear();
        _scriptedStatuses.Clear();
        MediaRequests = 0;
    }

    public Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(Func<ReceivedCallback, bool> match, int count = 1, TimeSpan? timeout = null) =>
        Eventually.Until<IReadOnlyList<ReceivedCallback>>(() => [.. _received.Where(match)], r => r.Count >= count,
            $"{count} matching callback(s)", timeout);

    public async Task<ReceivedCallback> WaitForAsync(string triggerField) =>
        (await WaitForAsync(c => c.AnsweredWith == 200 && c.TriggerField == triggerField))[0];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Map()
    {
        _app.MapPost("/webhooks/{**rest}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var status = _scriptedStatuses.TryDequeue(out var scripted) ? scripted : 200;
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _received.Enqueue(new ReceivedCallback(context.Request.Path, headers, body.ToArray(), status));
            context.Response.StatusCode = status;
        });
        _app.MapGet("/files/picture.png", () =>
        {
            MediaRequests++;
            return Results.File(Picture, "image/png");
        });
    }
}
