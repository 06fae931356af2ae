using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Shared.Tests.Messaging;

public sealed class CommandDestinationNameTests
{
    [Theory]
    [InlineData("exchange:egress-fetch-channel-profile", "egress-fetch-channel-profile")]
    [InlineData("queue:egress-fetch-channel-profile", "egress-fetch-channel-profile")]
    [InlineData("rabbitmq://localhost/platform/egress-fetch-channel-profile?bind=false", "egress-fetch-channel-profile")]
    [InlineData("rabbitmq://localhost/egress-fetch-channel-profile", "egress-fetch-channel-profile")]
    public void The_destination_is_named_by_its_exchange_whatever_the_address_form(string address, string name)
    {
        Assert.Equal(name, CommandDestination.NameOf(new Uri(address, UriKind.RelativeOrAbsolute)));
    }
}

[Trait("Category", TestCategories.Integration)]
public sealed class CommandDestinationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_command_to_a_service_that_never_started_fails_instead_of_vanishing_and_arrives_once_it_has()
    {
        const string destination = "exchange:receiver-recording";
        using var sender = BuildHost("Sender", services => services.AddCommandDestination(destination));
        await sender.StartAsync();
        var endpoint = await sender.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri(destination));

        await Assert.ThrowsAsync<MessageReturnedException>(() => endpoint.Send(Ended("before")));

        var received = new TaskCompletionSource<ConversationEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var receiver = BuildHost("Receiver", services => services.AddSingleton(received), bus => bus.AddConsumer<RecordingConsumer>());
        await receiver.StartAsync();
        await Eventually.TrueAsync(
            () => Task.FromResult(receiver.Services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy),
            "the receiver's queue is declared and consumed");
        await endpoint.Send(Ended("after"));

        Assert.Equal("after", (await received.Task.WaitAsync(Eventually.DefaultTimeout)).SinchConversationId);
        await receiver.StopAsync();
        await sender.StopAsync();
    }

    [Fact]
    public async Task Without_the_mark_RabbitMQ_accepts_a_command_no_queue_receives_which_is_why_the_mark_exists()
    {
        using var sender = BuildHost("Unmarked");
        await sender.StartAsync();
        var endpoint = await sender.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("exchange:nobody-listens"));

        await endpoint.Send(Ended("lost"));

        Assert.DoesNotContain("nobody-listens", await infrastructure.RabbitMq.GetQueueNamesAsync());
        await sender.StopAsync();
    }

    [Fact]
    public async Task An_event_nobody_subscribes_to_is_still_published_when_command_destinations_are_marked()
    {
        using var sender = BuildHost("Publisher", services => services.AddCommandDestination("exchange:somewhere-else"));
        await sender.StartAsync();

        await sender.Services.GetRequiredService<IPublishEndpoint>().Publish(Ended("event"));

        await sender.StopAsync();
    }

    private static ConversationEnded Ended(string conversation) => new()
    {
        ConversationId = CorrelationIds.ForSinchConversation(conversation),
        SinchConversationId = conversation,
        SinchAppId = "app-1",
        EndedBy = "customer",
        EndedAt = DateTimeOffset.UnixEpoch,
    };

    private IHost BuildHost(string service, Action<IServiceCollection> services, Action<IBusRegistrationConfigurator>? bus = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        services(builder.Services);
        builder.AddMessaging(service, bus);
        return builder.Build();
    }

    private IHost BuildHost(string service) => BuildHost(service, _ => { });

    private sealed class RecordingConsumer(TaskCompletionSource<ConversationEnded> received) : IConsumer<ConversationEnded>
    {
        public Task Consume(ConsumeContext<ConversationEnded> context)
        {
            received.TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }
}
