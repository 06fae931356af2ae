using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Shared.Tests.Messaging;

/// <summary>
/// What a platform team scales a consuming service on, read from the Prometheus scrape every service serves: messages
/// consumed per queue (throughput) and the time from send to consume (lag), labelled with the queue's name.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ScrapedBusMetricsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_scrape_counts_messages_consumed_per_queue_and_their_delivery_lag()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        builder.AddServiceDefaults();
        builder.AddMessaging("Scraped", bus => bus.AddConsumer<EndedConsumer>());
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        await Eventually.TrueAsync(
            () => Task.FromResult(app.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the bus consumes");
        using var client = app.GetTestClient();

        await app.Services.GetRequiredService<IPublishEndpoint>().Publish(new ConversationEnded
        {
            ConversationId = CorrelationIds.ForSinchConversation("scraped"),
            SinchConversationId = "scraped",
            SinchAppId = "app-1",
            EndedBy = "customer",
            EndedAt = DateTimeOffset.UnixEpoch,
        });

        var scrape = await Eventually.ReturnsAsync(
            () => client.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => text.Contains("messaging_masstransit_consume_ea_total{", StringComparison.Ordinal),
            "the consumed message is counted");
        var consumed = scrape.Split('\n').Single(l => l.StartsWith("messaging_masstransit_consume_ea_total{", StringComparison.Ordinal));
        Assert.Contains("messaging_masstransit_destination=\"scraped-ended\"", consumed, StringComparison.Ordinal);
        Assert.Contains("messaging_masstransit_service=\"Scraped\"", consumed, StringComparison.Ordinal);
        Assert.EndsWith(" 1", consumed.Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("messaging_masstransit_delivery_duration_milliseconds_count{", scrape, StringComparison.Ordinal);
        await app.StopAsync();
    }

    private sealed class EndedConsumer : IConsumer<ConversationEnded>
    {
        public Task Consume(ConsumeContext<ConversationEnded> context) => Task.CompletedTask;
    }
}
