using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Shared.Tests.ServiceDefaults;

public sealed class DefaultEndpointsTests
{
    [Fact]
    public async Task Liveness_answers_with_a_json_report()
    {
        await using var app = await StartAsync(Environments.Production);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"self\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_served_in_every_environment()
    {
        await using var app = await StartAsync(Environments.Production);
        using var client = app.GetTestClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"/api/sample/items\"", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task Scalar_page_is_served_in_development_only(string environment, HttpStatusCode expected)
    {
        await using var app = await StartAsync(environment);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Errors_are_problem_details()
    {
        await using var app = await StartAsync(Environments.Production);
        using var client = app.GetTestClient();

        using var missing = await client.GetAsync(new Uri("/nowhere", UriKind.Relative));
        using var failing = await client.GetAsync(new Uri("/api/sample/failure", UriKind.Relative));

        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        Assert.Equal("application/problem+json", failing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("sensitive detail", await failing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_for_a_prometheus_scrape_including_http_requests()
    {
        await using var app = await StartAsync(Environments.Production);
        using var client = app.GetTestClient();
        using (await client.GetAsync(new Uri("/api/sample/items", UriKind.Relative)))
        {
        }

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_answer_only_on_the_metrics_port_when_one_is_set()
    {
        await using var app = await StartAsync(Environments.Production, ("Telemetry:MetricsPort", "9464"));
        using var client = app.GetTestClient();

        using var onServicePort = await client.GetAsync(new Uri("http://localhost:8080/metrics"));
        using var onMetricsPort = await client.GetAsync(new Uri("http://localhost:9464/metrics"));

        Assert.Equal(HttpStatusCode.NotFound, onServicePort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/sample/items", () => Results.Ok(Array.Empty<string>()));
        app.MapGet("/api/sample/failure", IResult () => throw new InvalidOperationException("sensitive detail"));
        await app.StartAsync();
        return app;
    }
}
