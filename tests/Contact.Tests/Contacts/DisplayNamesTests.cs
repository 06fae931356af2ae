using Platform.Contact.Contacts;
using Platform.Contracts;

namespace Platform.Contact.Tests.Contacts;

public sealed class DisplayNamesTests
{
    private static ContactRecord Named(string name, string source) => new() { DisplayName = name, DisplayNameSource = source };

    [Theory]
    [InlineData(DisplayNameSources.Identity, DisplayNameSources.SinchContact, true)]
    [InlineData(DisplayNameSources.Identity, DisplayNameSources.ChannelProfile, true)]
    [InlineData(DisplayNameSources.SinchContact, DisplayNameSources.SinchContact, true)]
    [InlineData(DisplayNameSources.SinchContact, DisplayNameSources.ChannelProfile, true)]
    [InlineData(DisplayNameSources.ChannelProfile, DisplayNameSources.SinchContact, false)]
    [InlineData(DisplayNameSources.Api, DisplayNameSources.ChannelProfile, false)]
    [InlineData(DisplayNameSources.Api, DisplayNameSources.SinchContact, false)]
    [InlineData(DisplayNameSources.Api, DisplayNameSources.Api, true)]
    [InlineData(DisplayNameSources.SinchContact, DisplayNameSources.Identity, false)]
    public void A_name_replaces_the_current_one_only_from_a_source_of_the_same_or_higher_rank(string current, string incoming, bool replaced)
    {
        var contact = Named("Current", current);

        Assert.Equal(replaced, DisplayNames.TrySet(contact, "Incoming", incoming));
        Assert.Equal(replaced ? "Incoming" : "Current", contact.DisplayName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Unknown")]
    public void Empty_names_and_Sinch_s_placeholder_are_not_names(string? name)
    {
        var contact = Named("46701234567", DisplayNameSources.Identity);

        Assert.False(DisplayNames.TrySet(contact, name, DisplayNameSources.SinchContact));
        Assert.Equal("46701234567", contact.DisplayName);
    }
}
