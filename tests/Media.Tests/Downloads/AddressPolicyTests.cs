using System.Net;
using Platform.Media.Downloads;

namespace Platform.Media.Tests.Downloads;

public sealed class AddressPolicyTests
{
    private static readonly AddressPolicy Strict = new([]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::5")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    [InlineData("::127.0.0.1")]
    public void Loopback_private_link_local_multicast_and_embedded_forms_are_refused(string address) =>
        Assert.False(Strict.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_unicast_addresses_are_allowed(string address) =>
        Assert.True(Strict.IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void An_allow_listed_network_lets_loopback_through_and_nothing_else()
    {
        var development = new AddressPolicy([IPNetwork.Parse("127.0.0.1/32")]);

        Assert.True(development.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(development.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(development.IsAllowed(IPAddress.Parse("127.0.0.2")));
        Assert.False(development.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }
}
