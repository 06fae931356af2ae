using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Shared.Tests.Messaging;

[Trait("Category", TestCategories.Integration)]
public sealed class BusDeliveryTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task An_event_published_by_one_service_host_reaches_a_consumer_in_another()
    {
        var received = new TaskCompletionSource<ConversationEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var receiver = BuildHost("Receiver", bus => bus.AddConsumer<RecordingConsumer>(), services => services.AddSingleton(received));
        using var sender = BuildHost("Sender");
        await receiver.StartAsync();
        await sender.StartAsync();
        await WaitUntilConsumingAsync(receiver);

        var sent = new ConversationEnded
        {
            ConversationId = CorrelationIds.ForSinchConversation("conv-1"),
            SinchConversationId = "conv-1",
            SinchAppId = "app-1",
            EndedBy = "customer",
            EndedAt = DateTimeOffset.UtcNow,
        };
        await sender.Services.GetRequiredService<IPublishEndpoint>().Publish(sent);

        var got = await received.Task.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(sent, got);
        await sender.StopAsync();
        await receiver.StopAsync();
    }

    [Fact]
    public async Task Service_queues_are_quorum_queues_named_after_service_and_consumer()
    {
        using var receiver = BuildHost("Receiver", bus => bus.AddConsumer<RecordingConsumer>(),
            services => services.AddSingleton(new TaskCompletionSource<ConversationEnded>()));
        await receiver.StartAsync();
        await WaitUntilConsumingAsync(receiver);

        var queues = await infrastructure.RabbitMq.GetQueueNamesAsync();

        Assert.Contains("receiver-recording", queues);
        Assert.Equal("quorum", await infrastructure.RabbitMq.GetQueueTypeAsync("receiver-recording"));
        await receiver.StopAsync();
    }

    private IHost BuildHost(string service, Action<IBusRegistrationConfigurator>? bus = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        builder.AddMessaging(service, bus);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static Task WaitUntilConsumingAsync(IHost host) =>
        Eventually.TrueAsync(
            () => Task.FromResult(host.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the bus is connected and its endpoints consume");

    private sealed class RecordingConsumer(TaskCompletionSource<ConversationEnded> received) : IConsumer<ConversationEnded>
    {
        public Task Consume(ConsumeContext<ConversationEnded> context)
        {
            received.TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }
}
