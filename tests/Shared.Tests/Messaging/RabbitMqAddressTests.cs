using Platform.Messaging;

namespace Platform.Shared.Tests.Messaging;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void Full_uri_yields_host_port_virtual_host_and_credentials()
    {
        var address = RabbitMqAddress.Parse("amqp://user%40x:p%3Ass@broker.local:5673/tenant%2Fa");

        Assert.Equal(new RabbitMqAddress("broker.local", 5673, "tenant/a", "user@x", "p:ss"), address);
    }

    [Fact]
    public void Empty_path_means_the_default_virtual_host_and_default_port()
    {
        var address = RabbitMqAddress.Parse("amqp://guest:guest@localhost");

        Assert.Equal("/", address.VirtualHost);
        Assert.Equal(5672, address.Port);
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:5672/")]
    [InlineData("not a uri")]
    public void Anything_but_an_amqp_uri_is_rejected_with_an_example(string value)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqAddress.Parse(value));

        Assert.Contains("amqp://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_an_address_never_shows_the_password()
    {
        var address = RabbitMqAddress.Parse("amqp://app:s3cret@broker:5672/prod");

        Assert.DoesNotContain("s3cret", address.ToString(), StringComparison.Ordinal);
    }
}
