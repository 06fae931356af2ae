using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Platform.DurableMessaging;

namespace Platform.Shared.Tests.DurableMessaging.Support;

/// <summary>Durable messaging's instruments for tests that call its parts directly and do not read what they record.</summary>
internal static class UnobservedMetrics
{
    public static DurableMessagingMetrics Instance { get; } =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
