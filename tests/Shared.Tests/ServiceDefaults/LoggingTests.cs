using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Shared.Tests.ServiceDefaults;

public sealed class LoggingTests
{
    [Fact]
    public void Console_logs_are_json_by_default()
    {
        Assert.Equal(ConsoleFormatterNames.Json, FormatterWith(null));
    }

    [Fact]
    public void A_configured_console_formatter_wins_over_json()
    {
        Assert.Equal(ConsoleFormatterNames.Simple, FormatterWith("simple"));
    }

    [Fact]
    public void Logs_carry_the_trace_and_span_of_the_current_activity_even_on_an_empty_host_builder()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddJsonLogging();
        using var host = builder.Build();

        var tracking = host.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;

        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId));
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }

    private static string? FormatterWith(string? formatter)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = formatter });
        builder.AddJsonLogging();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
    }
}
