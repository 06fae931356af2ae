using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contact.Contacts;
using Platform.Contact.Tests.Support;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Contact.Tests.Contacts;

/// <summary>The contacts API on the real service: search, update, problems.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ContactsApiTests(ContactServiceFixture service) : IClassFixture<ContactServiceFixture>
{
    private async Task<ContactResolved> ResolveAsync(InboundMessageReceived message)
    {
        await service.Bus.PublishAsync(message);
        return await service.Bus.WaitForOneAsync<ContactResolved>(r => r.SinchMessageId == message.SinchMessageId, "the message is resolved");
    }

    [Theory]
    [InlineData("/api/contact/contacts/4b5f6a0e-0000-4000-8000-000000000001")]
    [InlineData("/api/contact/contacts/4b5f6a0e-0000-4000-8000-000000000001/consents")]
    [InlineData("/api/contact/contacts/not-a-guid")]
    public async Task An_unknown_contact_answers_404_problem_details(string path)
    {
        using var response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Contacts_are_found_by_identity_by_name_and_by_attached_data_in_pages()
    {
        var phone = Inbound.NewPhone();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var one = await ResolveAsync(Inbound.Text("SMS", phone, conversationMetadata: $"{{\"campaign\":\"{tag}\"}}"));
        var two = await ResolveAsync(Inbound.Text("SMS", Inbound.NewPhone(), conversationMetadata: $"{{\"campaign\":\"{tag}\"}}"));
        using (var rename = await service.Client.PatchAsJsonAsync($"/api/contact/contacts/{one.ContactId}", new { displayName = $"Karin {tag} Ek" }))
        {
            rename.EnsureSuccessStatusCode();
        }

        var byIdentity = await service.GetJsonAsync<ContactPage>($"/api/contact/contacts?identity={phone}&channel=SMS");
        Assert.Equal(one.ContactId, Assert.Single(byIdentity.Items).Id);

        var byName = await service.GetJsonAsync<ContactPage>($"/api/contact/contacts?name={tag.ToUpperInvariant()}");
        Assert.Equal(one.ContactId, Assert.Single(byName.Items).Id);

        var firstPage = await service.GetJsonAsync<ContactPage>($"/api/contact/contacts?key=campaign&value={tag}&pageSize=1");
        var secondPage = await service.GetJsonAsync<ContactPage>($"/api/contact/contacts?key=campaign&value={tag}&pageSize=1&page=2");
        Assert.True(firstPage.HasMore);
        Assert.False(secondPage.HasMore);
        Assert.Equal(
            new[] { one.ContactId, two.ContactId }.Order(),
            firstPage.Items.Concat(secondPage.Items).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task Attributes_set_through_the_API_are_kept_over_later_metadata_and_null_removes_one()
    {
        var phone = Inbound.NewPhone();
        var resolved = await ResolveAsync(Inbound.Text("SMS", phone, conversationMetadata: "{\"tier\":\"silver\",\"tmp\":\"x\"}"));

        using (var patch = await service.Client.PatchAsJsonAsync(
            $"/api/contact/contacts/{resolved.ContactId}", new { attributes = new Dictionary<string, string?> { ["tier"] = "gold", ["tmp"] = null } }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var updated = await service.Bus.WaitForOneAsync<ContactUpdated>(u => u.ContactId == resolved.ContactId, "the update is published");
        Assert.Equal("gold", updated.AttachedData["tier"]);
        Assert.False(updated.AttachedData.ContainsKey("tmp"));

        var later = await ResolveAsync(Inbound.Text("SMS", phone, conversationMetadata: "{\"tier\":\"bronze\"}", receivedAt: DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal("gold", later.AttachedData["tier"]);
    }

    [Theory]
    [InlineData("/api/contact/contacts?value=x", "value")]
    [InlineData("/api/contact/contacts?pageSize=0", "pageSize")]
    [InlineData("/api/contact/contacts?pageSize=101", "pageSize")]
    [InlineData("/api/contact/contacts?page=0", "page")]
    [InlineData("/api/contact/contacts?channel=SMS", "channel")]
    [InlineData("/api/contact/contacts?sinchAppId=app", "sinchAppId")]
    public async Task A_bad_search_answers_400_with_the_field_named(string path, string field)
    {
        using var response = await service.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_bad_update_answers_400_and_changes_nothing()
    {
        var resolved = await ResolveAsync(Inbound.Text("SMS", Inbound.NewPhone()));

        using var badKey = await service.Client.PatchAsJsonAsync(
            $"/api/contact/contacts/{resolved.ContactId}", new { attributes = new Dictionary<string, string> { ["raw.metadata"] = "x" } });
        using var blankName = await service.Client.PatchAsJsonAsync($"/api/contact/contacts/{resolved.ContactId}", new { displayName = "   " });
        using var notJson = await service.Client.PatchAsync(
            new Uri($"/api/contact/contacts/{resolved.ContactId}", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blankName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        var contact = await service.GetJsonAsync<ContactResponse>($"/api/contact/contacts/{resolved.ContactId}");
        Assert.Equal(DisplayNameSources.Identity, contact.DisplayNameSource);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_contacts_operation()
    {
        var document = await service.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        foreach (var operation in new[] { "GetContact", "SearchContacts", "UpdateContact", "ListContactConsents", "EraseContact" })
        {
            Assert.Contains($"\"{operation}\"", document, StringComparison.Ordinal);
        }
    }
}
