using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.SinchEmulator.Apps;
using Platform.SinchEmulator.Messages;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Contacts;

internal sealed record ChannelProfileRequest(string? AppId, Recipient? Recipient, string? Channel);

internal sealed record ChannelProfileResponse(string ProfileName);

internal static class ContactsApi
{
    public static void MapContactsApi(this RouteGroupBuilder sinch)
    {
        sinch.MapGet("/contacts", ListContacts).WithName("ListContacts").WithTags("Sinch contacts");
        sinch.MapGet("/contacts/{contactId}", GetContact).WithName("GetContact").WithTags("Sinch contacts");
        sinch.MapPost("/contacts:getChannelProfile", GetChannelProfile).WithName("GetChannelProfile").WithTags("Sinch contacts");
    }

    private static Ok<ContactList> ListContacts(
        ContactStore contacts,
        [FromQuery(Name = "external_id")] string? externalId,
        string? channel,
        string? identity,
        [FromQuery(Name = "page_size")] int? pageSize,
        [FromQuery(Name = "page_token")] string? pageToken)
    {
        var matches = contacts.All()
            .Where(c => externalId is null || c.ExternalId == externalId)
            .Where(c => channel is null || identity is null || c.ChannelIdentities.Any(i => i.Channel == channel && i.Identity == identity))
            .ToList();
        var (page, next) = Paging.Take(matches, pageSize, pageToken, defaultSize: 10, maxSize: 20);
        return TypedResults.Ok(new ContactList(page, next));
    }

    private static Results<Ok<Contact>, JsonHttpResult<SinchErrorBody>> GetContact(string contactId, ContactStore contacts) =>
        contacts.Find(contactId) is { } contact ? TypedResults.Ok(contact) : SinchErrors.NotFound($"Contact {contactId} not found");

    private static async Task<Results<Ok<ChannelProfileResponse>, JsonHttpResult<SinchErrorBody>>> GetChannelProfile(
        HttpRequest request, AppStore apps, ContactStore contacts, CancellationToken cancellationToken)
    {
        var (body, error) = await SinchRequestBody.ReadAsync<ChannelProfileRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (apps.Find(body!.AppId) is null)
        {
            return SinchErrors.NotFound($"App {body.AppId} not found");
        }
        var contact = body.Recipient?.ContactId is { Length: > 0 } contactId
            ? contacts.Find(contactId)
            : body.Recipient?.IdentifiedBy?.ChannelIdentities?.Select(i => contacts.FindByIdentity(i.Channel, i.Identity)).FirstOrDefault(c => c is not null);
        return contact is null
            ? SinchErrors.NotFound("Contact not found")
            : TypedResults.Ok(new ChannelProfileResponse(contact.DisplayName));
    }
}
