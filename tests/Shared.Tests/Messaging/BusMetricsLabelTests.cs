using MassTransit.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.Shared.Tests.Messaging;

/// <summary>
/// MassTransit's per-queue metrics (<c>messaging.masstransit.consume</c>, <c>.delivery.duration</c>, labelled with the
/// queue) carry a service label; by default it is the process name, <c>dotnet</c> in every container. A scrape test is
/// not possible here: MassTransit creates its meter once per process from the first host's meter factory, so in a test
/// process that has disposed an earlier host, no later host records anything.
/// </summary>
public sealed class BusMetricsLabelTests
{
    [Fact]
    public void Bus_metrics_are_labelled_with_the_services_name()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@localhost:5672/";
        builder.AddMessaging("Contact");
        using var host = builder.Build();

        Assert.Equal("Contact", host.Services.GetRequiredService<IOptions<InstrumentationOptions>>().Value.ServiceName);
    }
}
