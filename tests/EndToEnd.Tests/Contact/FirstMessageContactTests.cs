using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.EndToEnd.Tests.Contact;

[Trait("Category", TestCategories.EndToEnd)]
public sealed class FirstMessageContactTests(ContactPath platform) : IClassFixture<ContactPath>
{
    [Fact]
    public async Task A_customer_s_first_message_makes_a_contact_the_API_shows_with_the_name_and_attached_data()
    {
        const string customer = "46700000101";
        await platform.BusinessSendsAsync(new Dictionary<string, object>
        {
            ["app_id"] = ContactPath.AppId,
            ["recipient"] = new { identified_by = new { channel_identities = new[] { new { channel = "WHATSAPP", identity = customer } } } },
            ["message"] = new { text_message = new { text = "Your ticket is open" } },
            ["conversation_metadata"] = new { ticket = "T-77", segment = "b2c" },
        });

        await platform.CustomerAsync("text", new { identity = customer, channel = "WHATSAPP", display_name = "Ada Lovelace", text = "Hi, about my ticket" });

        var contact = await Eventually.ReturnsAsync(
            async () => await FindAsync(customer),
            found => found is { } c && c.GetProperty("displayName").GetString() == "Ada Lovelace"
                && c.GetProperty("attachedData").TryGetProperty("ticket", out _),
            "the contact shows the customer's name and the conversation's metadata through the gateway");
        Assert.Equal("sinch-contact", contact!.Value.GetProperty("displayNameSource").GetString());
        Assert.Equal("T-77", contact.Value.GetProperty("attachedData").GetProperty("ticket").GetString());
        Assert.Equal("b2c", contact.Value.GetProperty("attachedData").GetProperty("segment").GetString());
        var identity = Assert.Single(contact.Value.GetProperty("identities").EnumerateArray());
        Assert.Equal("WHATSAPP", identity.GetProperty("channel").GetString());
        Assert.Equal(customer, identity.GetProperty("identity").GetString());

        var id = contact.Value.GetProperty("id").GetGuid();
        var byId = await platform.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/contact/contacts/{id}", UriKind.Relative));
        Assert.Equal("Ada Lovelace", byId.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task The_contacts_API_needs_an_API_key_at_the_gateway()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri("/api/contact/contacts?identity=46700000102", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement?> FindAsync(string identity)
    {
        var page = await platform.Gateway.GetFromJsonAsync<JsonElement>(new Uri($"/api/contact/contacts?identity={identity}", UriKind.Relative));
        return page.GetProperty("items").EnumerateArray().Select(e => (JsonElement?)e).FirstOrDefault();
    }
}
