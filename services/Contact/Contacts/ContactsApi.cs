using System.Data;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contact.AttachedData;
using Platform.Contact.Erasure;
using Platform.Contact.Persistence;
using Platform.Contracts;

namespace Platform.Contact.Contacts;

/// <summary>Contacts for agents and admins: <c>/api/contact/contacts</c>, forwarded unchanged by the gateway.</summary>
public static class ContactsApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var contacts = app.MapGroup("/api/contact/contacts").WithTags("Contacts");
        contacts.MapGet("/{id:guid}", GetContactAsync)
            .WithName("GetContact")
            .WithSummary("Gets a contact with its identities and attached data.");
        contacts.MapGet("/", SearchContactsAsync)
            .WithName("SearchContacts")
            .WithSummary("Finds contacts by identity, by name (contains, any case) or by an attached-data key and value; pages of up to 100.");
        contacts.MapPatch("/{id:guid}", UpdateContactAsync)
            .WithName("UpdateContact")
            .WithSummary("Sets the display name (never overwritten by a channel afterwards) and attributes (null removes one).");
        contacts.MapGet("/{id:guid}/consents", ListConsentsAsync)
            .WithName("ListContactConsents")
            .WithSummary("Lists the current OPT_IN / OPT_OUT of each identity of the contact, per Sinch app.");
        contacts.MapDelete("/{id:guid}", EraseContactAsync)
            .WithName("EraseContact")
            .WithSummary("Erases the contact's personal data (GDPR) and tells the other services to erase theirs.");
        return app;
    }

    public static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> GetContactAsync(
        Guid id, ContactDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contact = await db.Contacts.AsNoTracking()
            .Include(c => c.Identities)
            .Include(c => c.AttachedData)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contact is { IsLive: true } ? TypedResults.Ok(ContactResponse.From(contact)) : NotLive(id, contact);
    }

    public static async Task<Results<Ok<ContactPage>, ValidationProblem>> SearchContactsAsync(
        ContactDbContext db,
        string? channel,
        string? identity,
        string? sinchAppId,
        string? name,
        string? key,
        string? value,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var errors = new Dictionary<string, string[]>();
        if (value is not null && string.IsNullOrEmpty(key))
        {
            errors["value"] = ["A value is searched for under a key: give 'key' too."];
        }

        if (channel is not null && string.IsNullOrEmpty(identity))
        {
            errors["channel"] = ["'channel' narrows an identity search: give 'identity' too."];
        }

        if (sinchAppId is not null && string.IsNullOrEmpty(identity))
        {
            errors["sinchAppId"] = ["'sinchAppId' narrows an identity search: give 'identity' too."];
        }

        if (page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Contacts.AsNoTracking().Where(c => c.MergedIntoId == null && c.ErasedAt == null);
        if (!string.IsNullOrEmpty(identity))
        {
            query = query.Where(c => db.Identities.Any(i => i.ContactId == c.Id && i.Identity == identity
                && (channel == null || i.Channel == channel)
                && (sinchAppId == null || i.SinchAppId == sinchAppId)));
        }

        if (!string.IsNullOrEmpty(name))
        {
            var pattern = "%" + EscapeLike(name) + "%";
            query = query.Where(c => EF.Functions.ILike(c.DisplayName!, pattern, "\\"));
        }

        if (!string.IsNullOrEmpty(key))
        {
            query = query.Where(c => db.AttachedData.Any(a => a.ContactId == c.Id && a.Key == key && (value == null || a.Value == value)));
        }

        var size = pageSize ?? 20;
        var number = page ?? 1;
        var rows = await query
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((number - 1) * size)
            .Take(size + 1)
            .Include(c => c.Identities)
            .Include(c => c.AttachedData)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ContactPage([.. rows.Take(size).Select(ContactResponse.From)], number, size, rows.Count > size));
    }

    public static async Task<Results<Ok<ContactResponse>, ProblemHttpResult, ValidationProblem>> UpdateContactAsync(
        Guid id,
        ContactUpdateRequest request,
        ContactStore store,
        AttachedDataParser parser,
        IOptions<AttachedDataOptions> options,
        IPublishEndpoint publishEndpoint,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publishEndpoint);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = Validate(request, parser, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await store.Db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var contact = await store.LockAsync(id, cancellationToken);
        if (contact is not { IsLive: true })
        {
            return NotLive(id, contact);
        }

        var now = clock.GetUtcNow();
        if (request.DisplayName is not null)
        {
            DisplayNames.TrySet(contact, request.DisplayName, DisplayNameSources.Api);
        }

        foreach (var (key, value) in request.Attributes ?? [])
        {
            var existing = contact.AttachedData.Find(e => e.Key == key);
            if (value is null)
            {
                if (existing is not null)
                {
                    contact.AttachedData.Remove(existing);
                    store.Db.AttachedData.Remove(existing);
                }
            }
            else if (existing is null)
            {
                contact.AttachedData.Add(new AttachedDataEntry { ContactId = contact.Id, Key = key, Value = value, Source = AttachedDataSources.Api, ChangedAt = now });
            }
            else
            {
                existing.Value = value;
                existing.Source = AttachedDataSources.Api;
                existing.ChangedAt = now;
            }
        }

        contact.UpdatedAt = now;
        await publishEndpoint.Publish(new ContactUpdated
        {
            ContactId = contact.Id,
            DisplayName = contact.DisplayName!,
            DisplayNameSource = contact.DisplayNameSource,
            AttachedData = contact.AttachedDataMap(),
            UpdatedAt = now,
        }, cancellationToken);
        await store.Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    public static async Task<Results<Ok<ConsentResponse[]>, ProblemHttpResult>> ListConsentsAsync(
        Guid id, ContactDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is not { IsLive: true })
        {
            return NotLive(id, contact);
        }

        var consents = await db.Consents.AsNoTracking()
            .Where(c => c.ContactId == id && c.Identity != null)
            .OrderBy(c => c.SinchAppId).ThenBy(c => c.Channel).ThenBy(c => c.Identity)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(consents
            .Select(c => new ConsentResponse(c.SinchAppId, c.Channel, c.Identity!, IdentityResponse.NullIfEmpty(c.IdentityAppId), c.State, c.Source, c.ChangedAt))
            .ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseContactAsync(
        Guid id, ContactEraser eraser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eraser);
        var outcome = await eraser.EraseAsync(id, cancellationToken);
        return outcome switch
        {
            ErasureOutcome.Erased or ErasureOutcome.AlreadyErased => TypedResults.NoContent(),
            ErasureOutcome.Merged => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: Problems.ContactMerged,
                title: "The contact was merged into another; erase the surviving contact."),
            _ => NotFound(id),
        };
    }

    private static ProblemHttpResult NotLive(Guid id, ContactRecord? contact) => contact switch
    {
        { MergedIntoId: { } survivor } => TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            type: Problems.ContactMerged,
            title: "The contact was merged into another.",
            extensions: new Dictionary<string, object?> { ["mergedInto"] = survivor }),
        { ErasedAt: { } erasedAt } => TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            type: Problems.ContactErased,
            title: "The contact's personal data was erased.",
            extensions: new Dictionary<string, object?> { ["erasedAt"] = erasedAt }),
        _ => NotFound(id),
    };

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        type: Problems.ContactNotFound,
        title: "No such contact.",
        detail: $"No contact has the id {id}.");

    private static Dictionary<string, string[]> Validate(ContactUpdateRequest request, AttachedDataParser parser, AttachedDataOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DisplayName is not null && DisplayNames.Normalize(request.DisplayName) is null)
        {
            errors["displayName"] = ["A display name needs a visible character (and is not Sinch's placeholder 'Unknown')."];
        }

        foreach (var (key, value) in request.Attributes ?? [])
        {
            if (!parser.IsValidKey(key))
            {
                errors[$"attributes.{key}"] = [$"Keys have 1 to {options.MaxKeyLength} characters, no control characters, and do not start with '{AttachedDataParser.RawKeyPrefix}'."];
            }
            else if (value is not null && value.Length > options.MaxValueLength)
            {
                errors[$"attributes.{key}"] = [$"Values have at most {options.MaxValueLength} characters."];
            }
        }

        if (request.Attributes is { Count: > 0 } attributes && attributes.Count > options.MaxEntriesPerContact)
        {
            errors["attributes"] = [$"At most {options.MaxEntriesPerContact} attributes."];
        }

        return errors;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
