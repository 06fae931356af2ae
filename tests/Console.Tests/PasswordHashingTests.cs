using Platform.Console.Users;

namespace Platform.Console.Tests;

public sealed class PasswordHashingTests
{
    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var hash = PasswordHashing.Hash("correct horse battery staple");

        Assert.True(PasswordHashing.Verify("correct horse battery staple", hash));
        Assert.False(PasswordHashing.Verify("correct horse battery stapl", hash));
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_because_of_the_salt()
    {
        Assert.NotEqual(PasswordHashing.Hash("same password here"), PasswordHashing.Hash("same password here"));
    }

    [Fact]
    public void The_hash_names_its_scheme_and_cost_so_the_cost_can_be_raised_later()
    {
        var parts = PasswordHashing.Hash("any password at all").Split('$');

        Assert.Equal("pbkdf2-sha512", parts[0]);
        Assert.Equal(PasswordHashing.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha512$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$1000$not base64!$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    public void A_malformed_hash_never_matches(string hash)
    {
        Assert.False(PasswordHashing.Verify("plain-text-password", hash));
    }
}
