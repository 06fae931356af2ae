using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Gateway.Tests;

/// <summary>
/// A stand-in for one service behind the gateway, on a real loopback port: answers readiness as told and echoes
/// every other request's path, so tests see what the gateway forwarded.
/// </summary>
internal sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeService(WebApplication app) => this.app = app;

    public bool Ready { get; set; } = true;

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<FakeService> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new FakeService(app);
        app.MapGet("/health/ready", () => service.Ready
            ? Results.Json(new { status = "Healthy" })
            : Results.Json(new { status = "Unhealthy" }, statusCode: 503));
        app.Map("/{**path}", (HttpRequest request) => Results.Text(
            $"{name} {request.Method} {request.Path}{request.QueryString}"
            + (request.Headers.ContainsKey("Authorization") || request.Headers.ContainsKey("X-Api-Key") ? " with-credentials" : "")));
        await app.StartAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
