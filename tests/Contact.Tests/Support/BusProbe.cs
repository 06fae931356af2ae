using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Contact.Tests.Support;

/// <summary>
/// A second bus on the test's virtual host: publishes ingress's events as ingress would, records everything contact
/// publishes, and plays egress for <see cref="FetchChannelProfile"/> (egress is built elsewhere): it answers each
/// request from <see cref="ProfileNames"/>, or with <see cref="ChannelProfileFetchFailed"/> when the identity is in
/// <see cref="FailingProfiles"/>.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    public const string EgressProfileQueue = "egress-fetch-channel-profile";

    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received = new();

    private BusProbe(string connectionString)
    {
        var broker = RabbitMqAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(broker.ToMassTransitHostAddress(), h =>
            {
                h.Username(broker.Username);
                h.Password(broker.Password);
            });
            bus.ReceiveEndpoint($"contact-tests-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                Record<ContactResolved>(e);
                Record<ContactUpdated>(e);
                Record<ContactConsentChanged>(e);
                Record<ContactsMerged>(e);
                Record<ContactErased>(e);
            });
            bus.ReceiveEndpoint(EgressProfileQueue, e =>
            {
                e.SetQuorumQueue();
                e.Handler<FetchChannelProfile>(AnswerProfileRequestAsync);
            });
        });
    }

    /// <summary>Profile names the fake egress answers with, by identity; an identity not listed gets no name.</summary>
    public ConcurrentDictionary<string, string> ProfileNames { get; } = new();

    /// <summary>Identities whose profile request the fake egress records but never answers (the test answers).</summary>
    public ConcurrentDictionary<string, bool> HeldProfiles { get; } = new();

    /// <summary>Identities whose profile the fake egress fails to fetch.</summary>
    public ConcurrentDictionary<string, bool> FailingProfiles { get; } = new();

    public static async Task<BusProbe> StartAsync(string connectionString)
    {
        var probe = new BusProbe(connectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await probe._bus.StartAsync(timeout.Token);
        return probe;
    }

    public Task PublishAsync<T>(T message, Guid? messageId = null)
        where T : class =>
        _bus.Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid());

    public IReadOnlyList<T> Received<T>(Func<T, bool>? match = null) =>
        [.. _received.Select(r => r.Message).OfType<T>().Where(m => match?.Invoke(m) ?? true)];

    /// <summary>Waits until at least <paramref name="count"/> matching messages arrived; returns them all.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, string what, int count = 1) =>
        Testing.Eventually.ReturnsAsync(() => Task.FromResult(Received(match)), found => found.Count >= count, what);

    public async Task<T> WaitForOneAsync<T>(Func<T, bool> match, string what) => (await WaitForAsync(match, what))[0];

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private async Task AnswerProfileRequestAsync(ConsumeContext<FetchChannelProfile> context)
    {
        var request = context.Message;
        _received.Enqueue((context.MessageId, request));
        if (HeldProfiles.ContainsKey(request.Identity.Identity))
        {
            return;
        }

        if (FailingProfiles.ContainsKey(request.Identity.Identity))
        {
            await context.Publish(new ChannelProfileFetchFailed
            {
                RequestId = request.RequestId,
                ContactId = request.ContactId,
                SinchAppId = request.SinchAppId,
                Identity = request.Identity,
                Reason = "not-supported-by-channel",
                FailedAt = DateTimeOffset.UtcNow,
            });
            return;
        }

        await context.Publish(new ChannelProfileFetched
        {
            RequestId = request.RequestId,
            ContactId = request.ContactId,
            SinchAppId = request.SinchAppId,
            Identity = request.Identity,
            ProfileName = ProfileNames.TryGetValue(request.Identity.Identity, out var name) ? name : null,
            FetchedAt = DateTimeOffset.UtcNow,
        });
    }

    private void Record<T>(IReceiveEndpointConfigurator endpoint)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        });
}
