using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Shared.Tests.ServiceDefaults;

public sealed class RequiredSettingsTests
{
    [Fact]
    public void Missing_broker_connection_string_stops_start_up_naming_the_setting_and_its_variable()
    {
        // Empty builder: a ConnectionStrings__rabbitmq exported in the developer's shell must not hide the case.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        var error = Assert.Throws<MissingSettingException>(() => builder.AddMessaging("Routing"));

        Assert.Equal("ConnectionStrings:rabbitmq", error.Setting);
        Assert.Contains("ConnectionStrings:rabbitmq", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__rabbitmq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_option_stops_start_up_naming_the_section_and_field()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@localhost:5672/",
            ["Messaging:PrefetchCount"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddMessaging("Routing"));

        Assert.Contains("Messaging:PrefetchCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_retry_intervals_replace_the_defaults_rather_than_extend_them()
    {
        Assert.Equal([5], RetryIntervalsWith("5"));
        Assert.Equal([50, 250, 1000], RetryIntervalsWith(null));
    }

    private static int[] RetryIntervalsWith(string? first)
    {
        var values = new Dictionary<string, string?>();
        if (first is not null)
        {
            values["Messaging:RetryIntervalsMs:0"] = first;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.Section)
            .EffectiveRetryIntervalsMs;
    }

    [Fact]
    public void Valid_options_are_bound_and_returned()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sample:Limit"] = "7",
        }).Build();

        var options = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddValidatedOptions<SampleOptions>(configuration, "Sample");

        Assert.Equal(7, options.Limit);
    }

    private sealed class SampleOptions
    {
        [Range(1, 10)]
        public int Limit { get; set; } = 1;
    }
}
