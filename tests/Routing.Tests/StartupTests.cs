using Platform.Testing;

namespace Platform.Routing.Tests;

public sealed class StartupTests
{
    [Fact]
    public void Missing_database_connection_string_stops_start_up_with_a_message_naming_it()
    {
        using var service = new ServiceFactory<Program>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/",
        });

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains("ConnectionStrings:routing", error.Message, StringComparison.Ordinal);
    }
}
