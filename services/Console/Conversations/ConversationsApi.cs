using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Console.Platform;
using Platform.Console.Sessions;

namespace Platform.Console.Conversations;

/// <summary>
/// The agent's work under <c>/console/api/conversations</c>: their assigned and queued conversations, one conversation's
/// transcript and customer, and the actions routing offers (accept, reply, transfer, end). Every call is checked against
/// the signed-in agent's scope first; routing's answers are passed on as they are. The agent id sent to routing is the
/// session's, never one the page names.
/// </summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var agent = app.MapGroup("/console/api").WithTags("Agent").RequireAuthorization(SessionsSetup.AgentPolicy);
        agent.MapGet("/me", MeAsync).WithName("GetMyAgent").WithSummary("The signed-in agent's routing agent and the queues they serve.");
        agent.MapPut("/me/status", SetStatusAsync).WithName("SetMyStatus").WithSummary("available, away or offline.").AddEndpointFilter<AntiforgeryFilter>();
        agent.MapGet("/directory", DirectoryAsync).WithName("GetTransferTargets").WithSummary("Queues and agents a conversation can be transferred to.");
        agent.MapGet("/events", LiveRelay.RelayAsync).WithName("StreamMyEvents").WithSummary("Server-sent events of the agent's conversations (routing's stream, relayed).");

        var conversations = agent.MapGroup("/conversations");
        conversations.MapGet("/", ListAsync).WithName("ListMyConversations").WithSummary("Assigned to me, and waiting in my queues.");
        conversations.MapGet("/{id:guid}", GetAsync).WithName("GetMyConversation");
        conversations.MapGet("/{id:guid}/transcript", TranscriptAsync).WithName("GetMyTranscript");
        conversations.MapGet("/{id:guid}/customer", CustomerPanel.GetAsync).WithName("GetCustomer").WithSummary("Contact details, attached data and consents.");
        conversations.MapGet("/{id:guid}/media/{mediaId:guid}", Attachments.DownloadAsync).WithName("GetConversationMedia");
        conversations.MapPost("/{id:guid}/attachments", Attachments.UploadAsync).WithName("UploadAttachment")
            .WithSummary("Uploads a file through media; answers its media id, public link and expiry.").AddEndpointFilter<AntiforgeryFilter>().DisableAntiforgery();
        conversations.MapPost("/{id:guid}/accept", AcceptAsync).WithName("AcceptMyConversation").AddEndpointFilter<AntiforgeryFilter>();
        conversations.MapPost("/{id:guid}/messages", ReplyAsync).WithName("ReplyToMyConversation").AddEndpointFilter<AntiforgeryFilter>();
        conversations.MapPost("/{id:guid}/transfer", TransferAsync).WithName("TransferMyConversation").AddEndpointFilter<AntiforgeryFilter>();
        conversations.MapPost("/{id:guid}/end", EndAsync).WithName("EndMyConversation").AddEndpointFilter<AntiforgeryFilter>();
        return app;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken)
    {
        var scope = await agents.ScopeAsync(user, cancellationToken);
        if (scope is null)
        {
            return NotAnAgent();
        }

        var agent = await platform.GetJsonAsync($"api/routing/agents/{scope.AgentId}", cancellationToken);
        return TypedResults.Ok(new MeResponse(agent!.Value, scope.Queues));
    }

    private static Task<IResult> SetStatusAsync(StatusRequest request, ClaimsPrincipal user, PlatformApi platform, CancellationToken cancellationToken) =>
        platform.ForwardAsync(HttpMethod.Put, $"api/routing/agents/{ConsoleClaims.AgentIdOf(user)}/status", new { status = request.Status }, cancellationToken);

    private static async Task<Ok<DirectoryResponse>> DirectoryAsync(PlatformApi platform, CancellationToken cancellationToken)
    {
        var queues = await platform.GetJsonAsync("api/routing/queues", cancellationToken) ?? default;
        var agents = await platform.GetJsonAsync("api/routing/agents", cancellationToken) ?? default;
        return TypedResults.Ok(new DirectoryResponse(
            [.. queues.EnumerateArray().Select(q => new DirectoryEntry(q.GetProperty("id").GetGuid(), q.GetProperty("name").GetString() ?? "", null))],
            [.. agents.EnumerateArray().Select(a => new DirectoryEntry(a.GetProperty("id").GetGuid(), a.GetProperty("name").GetString() ?? "", a.GetProperty("status").GetString()))]));
    }

    private static async Task<Results<Ok<ConversationListResponse>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken)
    {
        var scope = await agents.ScopeAsync(user, cancellationToken);
        if (scope is null)
        {
            return NotAnAgent();
        }

        var assigned = await platform.GetJsonAsync($"api/routing/conversations?agentId={scope.AgentId}&state=Assigned&pageSize=200", cancellationToken);
        var queued = new List<QueuedConversation>();
        foreach (var queue in scope.Queues)
        {
            var waiting = await platform.GetJsonAsync($"api/routing/queues/{queue.Id}/waiting", cancellationToken);
            if (waiting is { ValueKind: JsonValueKind.Array } list)
            {
                queued.AddRange(list.EnumerateArray().Select(w => new QueuedConversation(queue.Id, queue.Name, w)));
            }
        }

        var items = assigned is { } page ? page.GetProperty("items").EnumerateArray().ToList() : [];
        return TypedResults.Ok(new ConversationListResponse(items, queued));
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, AgentContext agents, CancellationToken cancellationToken) =>
        await agents.VisibleAsync(user, id, cancellationToken) is { } visible ? TypedResults.Ok(visible.Conversation) : NotVisible();

    private static async Task<Results<Ok<TranscriptResponse>, ProblemHttpResult>> TranscriptAsync(
        Guid id, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, MediaTypes mediaTypes, CancellationToken cancellationToken)
    {
        if (await agents.VisibleAsync(user, id, cancellationToken) is null)
        {
            return NotVisible();
        }

        var transcript = await platform.GetJsonAsync($"api/routing/conversations/{id}/transcript?pageSize=500", cancellationToken);
        var entries = transcript is { } t ? t.GetProperty("items").EnumerateArray().ToList() : [];
        var types = new Dictionary<Guid, string>();
        foreach (var entry in entries)
        {
            if (entry.TryGetProperty("mediaId", out var media) && media.ValueKind == JsonValueKind.String && media.GetGuid() is var mediaId
                && await mediaTypes.ContentTypeOfAsync(mediaId, cancellationToken) is { } type)
            {
                types[mediaId] = type;
            }
        }

        return TypedResults.Ok(new TranscriptResponse(entries, types));
    }

    private static Task<IResult> AcceptAsync(Guid id, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken) =>
        ActAsync(id, user, agents, platform, "accept", scope => new { agentId = scope.AgentId }, cancellationToken);

    private static Task<IResult> ReplyAsync(Guid id, ReplyForm form, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken) =>
        ActAsync(id, user, agents, platform, "messages", scope => new { agentId = scope.AgentId, text = form.Text, mediaId = form.MediaId, kind = form.Kind, json = form.Json }, cancellationToken);

    private static Task<IResult> TransferAsync(Guid id, TransferForm form, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken) =>
        ActAsync(id, user, agents, platform, "transfer", _ => new { queueId = form.QueueId, agentId = form.AgentId, note = form.Note }, cancellationToken);

    private static Task<IResult> EndAsync(Guid id, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, CancellationToken cancellationToken) =>
        ActAsync(id, user, agents, platform, "end", _ => new { requestedBy = "agent" }, cancellationToken);

    private static async Task<IResult> ActAsync(
        Guid id, ClaimsPrincipal user, AgentContext agents, PlatformApi platform, string action, Func<AgentScope, object> body, CancellationToken cancellationToken)
    {
        if (await agents.VisibleAsync(user, id, cancellationToken) is not { } visible)
        {
            return NotVisible();
        }

        return await platform.ForwardAsync(HttpMethod.Post, $"api/routing/conversations/{id}/{action}", body(visible.Scope), cancellationToken);
    }

    internal static ProblemHttpResult NotVisible() => TypedResults.Problem(
        type: Problems.ConversationNotVisible, title: "No such conversation among yours or your queues'.", statusCode: StatusCodes.Status404NotFound);

    internal static ProblemHttpResult NotAnAgent() => TypedResults.Problem(
        type: Problems.NotAnAgent, title: "Your user is linked to no routing agent; ask an admin.", statusCode: StatusCodes.Status403Forbidden);
}

public sealed record StatusRequest([property: Required, AllowedValues("available", "away", "offline")] string Status);

public sealed record ReplyForm([property: MaxLength(4096)] string? Text, Guid? MediaId, [property: MaxLength(64)] string? Kind, JsonElement? Json);

public sealed record TransferForm(Guid? QueueId, Guid? AgentId, [property: MaxLength(500)] string? Note);

public sealed record MeResponse(JsonElement Agent, IReadOnlyList<ServedQueue> Queues);

public sealed record DirectoryEntry(Guid Id, string Name, string? Status);

public sealed record DirectoryResponse(IReadOnlyList<DirectoryEntry> Queues, IReadOnlyList<DirectoryEntry> Agents);

public sealed record QueuedConversation(Guid QueueId, string QueueName, JsonElement Waiting);

public sealed record ConversationListResponse(IReadOnlyList<JsonElement> Assigned, IReadOnlyList<QueuedConversation> Queued);

/// <summary>Routing's entries as they are, plus each media item's sniffed type so the page shows images inline.</summary>
public sealed record TranscriptResponse(IReadOnlyList<JsonElement> Items, IReadOnlyDictionary<Guid, string> MediaTypes);
