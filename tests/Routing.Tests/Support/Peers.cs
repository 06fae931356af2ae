using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Testing;

namespace Platform.Routing.Tests.Support;

/// <summary>
/// Stand-ins for ingress, contact, media and egress on the real broker: publish their events, record what routing
/// sends and publishes. The egress stand-in consumes <c>SendOutboundMessage</c> on egress's queue
/// (<c>egress-outbound-message-state</c>, the queue of egress's outbound-message saga) and can answer with statuses, as egress would.
/// </summary>
public sealed class Peers : IAsyncDisposable
{
    private readonly IHost _host;

    private Peers(IHost host) => _host = host;

    public ConcurrentQueue<object> Received { get; } = new();

    /// <summary>Statuses the egress stand-in publishes for every send, in this order.</summary>
    public IReadOnlyList<string> StatusScript { get; set; } = [];

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<Peers> StartAsync(InfrastructureFixture infrastructure)
    {
        Peers? peers = null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        builder.Services.AddSingleton(_ => peers!);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddMessaging("Egress", bus =>
        {
            bus.AddConsumer<SendOutboundMessageConsumer>().Endpoint(e => e.Name = "egress-outbound-message-state");
            bus.AddConsumer<Recording<ConversationStarted>>();
            bus.AddConsumer<Recording<ConversationEnded>>();
            bus.AddConsumer<Recording<ConversationAssignmentChanged>>();
            bus.AddConsumer<Recording<TranscriptEntryAdded>>();
        });
        peers = new Peers(builder.Build());
        await peers._host.StartAsync();
        return peers;
    }

    public IEnumerable<T> Of<T>() => Received.OfType<T>();

    public Task<T> WaitFor<T>(Func<T, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Of<T>().FirstOrDefault(match)), found => found is not null, what, timeout)!;

    public Task Publish<T>(T message) where T : class => Bus.Publish(message);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class SendOutboundMessageConsumer(Peers peers) : IConsumer<SendOutboundMessage>
    {
        public async Task Consume(ConsumeContext<SendOutboundMessage> context)
        {
            var send = context.Message;
            peers.Received.Enqueue(send);
            foreach (var status in peers.StatusScript)
            {
                await context.Publish(new OutboundMessageStatusChanged
                {
                    OutboundMessageId = send.OutboundMessageId,
                    ConversationId = send.ConversationId,
                    SinchMessageId = "sinch-" + send.OutboundMessageId.ToString("N"),
                    Status = status,
                    At = DateTimeOffset.UtcNow,
                    FailureCode = status == OutboundMessageStatuses.Failed ? "RECIPIENT_NOT_REACHABLE" : null,
                });
            }
        }
    }

    private sealed class Recording<T>(Peers peers) : IConsumer<T> where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            peers.Received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
