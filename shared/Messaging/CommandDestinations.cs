using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Messaging;

/// <summary>
/// Another service's queue this service sends commands to (its endpoint exchange, e.g. <c>egress-fetch-channel-profile</c>).
/// RabbitMQ silently drops a message sent to an exchange that no queue is bound to yet, which is the case until the
/// receiving service has started once on this broker; sends to a command destination are therefore marked mandatory,
/// so RabbitMQ returns such a message and the send fails (MassTransit's <c>MessageReturnedException</c>) instead of
/// losing it: a direct send is retried like any other failure, an outbox row stays until the queue exists.
/// Events are not marked: an event nobody subscribes to is meant to go nowhere.
/// </summary>
/// <param name="ExchangeName">The destination's exchange (the receive endpoint's queue name).</param>
public sealed record CommandDestination(string ExchangeName)
{
    /// <summary>The exchange name an address points at: <c>exchange:name</c>, <c>queue:name</c> or <c>rabbitmq://host/vhost/name?…</c>.</summary>
    public static string NameOf(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var path = address.IsAbsoluteUri && address.Scheme is "rabbitmq" or "rabbitmqs" ? address.AbsolutePath : address.OriginalString;
        var name = path[(path.LastIndexOfAny([':', '/']) + 1)..];
        var query = name.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? name : name[..query];
    }
}

public static class CommandDestinationExtensions
{
    /// <summary>Marks sends to <paramref name="address"/> (an <c>exchange:</c> or <c>queue:</c> address) mandatory; see <see cref="CommandDestination"/>.</summary>
    public static IServiceCollection AddCommandDestination(this IServiceCollection services, string address)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return services.AddCommandDestination(_ => address);
    }

    /// <summary>The same, for an address that comes from the service's options.</summary>
    public static IServiceCollection AddCommandDestination(this IServiceCollection services, Func<IServiceProvider, string> address)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(address);
        return services.AddSingleton(sp => new CommandDestination(CommandDestination.NameOf(new Uri(address(sp), UriKind.RelativeOrAbsolute))));
    }
}

/// <summary>Sets RabbitMQ's <c>mandatory</c> flag on sends to a <see cref="CommandDestination"/>.</summary>
/// <typeparam name="T">Message type.</typeparam>
internal sealed class MandatoryCommandFilter<T>(IReadOnlySet<string> destinations) : IFilter<SendContext<T>>
    where T : class
{
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        if (context.DestinationAddress is { } destination
            && destinations.Contains(CommandDestination.NameOf(destination))
            && context.TryGetPayload(out RabbitMqSendContext? rabbit))
        {
            rabbit.Mandatory = true;
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("mandatoryCommand");
}

internal sealed class MandatoryCommandSpecificationObserver(IReadOnlySet<string> destinations) : ISendPipeSpecificationObserver
{
    public void MessageSpecificationCreated<T>(IMessageSendPipeSpecification<T> specification)
        where T : class =>
        specification.UseFilter(new MandatoryCommandFilter<T>(destinations));
}
