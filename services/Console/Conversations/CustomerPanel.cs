using System.Security.Claims;
using System.Text.Json;
using Platform.Console.Platform;

namespace Platform.Console.Conversations;

/// <summary>The customer beside the transcript: contact's details, attached data and consents (<c>/api/contact/**</c>).</summary>
public static class CustomerPanel
{
    public static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken)
    {
        if (await agents.VisibleAsync(user, id, cancellationToken) is not { } visible)
        {
            return ConversationsApi.NotVisible();
        }

        if (!visible.Conversation.TryGetProperty("contactId", out var contactId) || contactId.ValueKind != JsonValueKind.String)
        {
            return Results.Ok(new CustomerResponse(null, null));
        }

        var contact = await platform.GetJsonAsync($"api/contact/contacts/{contactId.GetGuid()}", cancellationToken);
        var consents = contact is null ? null : await platform.GetJsonAsync($"api/contact/contacts/{contactId.GetGuid()}/consents", cancellationToken);
        return Results.Ok(new CustomerResponse(contact, consents));
    }
}

/// <summary>Contact and consents as contact answers them; both <c>null</c> until contact has resolved the customer.</summary>
public sealed record CustomerResponse(JsonElement? Contact, JsonElement? Consents);
