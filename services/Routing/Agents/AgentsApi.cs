using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Conversations;
using Platform.Routing.Live;
using Platform.Routing.Persistence;

namespace Platform.Routing.Agents;

/// <summary>
/// Agents under <c>/api/routing/agents</c>: skills, capacity, availability, and a server-sent-events stream of the
/// transcript and assignment changes of the agent's conversations.
/// </summary>
public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing/agents").WithTags("Agents");
        group.MapGet("/", ListAsync).WithName("ListAgents").WithSummary("All agents with status and load.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAgent").WithSummary("One agent.");
        group.MapPost("/", CreateAsync).WithName("CreateAgent").WithSummary("Adds an agent (offline).");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateAgent").WithSummary("Changes an agent's name, skills and capacity.");
        group.MapPut("/{id:guid}/status", SetStatusAsync).WithName("SetAgentStatus").WithSummary("available, away or offline; an available agent gets waiting conversations.");
        group.MapGet("/{id:guid}/events", Events).WithName("StreamAgentEvents").WithSummary("Server-sent events: transcript and assignment changes of the agent's conversations.");
        return app;
    }

    private static async Task<Ok<List<AgentResponse>>> ListAsync(RoutingDbContext db, string? status, CancellationToken cancellationToken)
    {
        var query = db.Agents.AsNoTracking();
        query = status is null ? query : query.Where(a => a.Status == status);
        return TypedResults.Ok((await query.OrderBy(a => a.Name).ToListAsync(cancellationToken)).Select(AgentResponse.From).ToList());
    }

    private static async Task<Results<Ok<AgentResponse>, NotFound>> GetAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } agent
            ? TypedResults.Ok(AgentResponse.From(agent))
            : TypedResults.NotFound();

    private static async Task<Created<AgentResponse>> CreateAsync(AgentRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var agent = new Agent { Id = Guid.NewGuid(), IdleSince = clock.GetUtcNow() };
        request.ApplyTo(agent);
        db.Agents.Add(agent);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/routing/agents/{agent.Id}", AgentResponse.From(agent));
    }

    private static async Task<Results<Ok<AgentResponse>, NotFound>> UpdateAsync(
        Guid id, AgentRequest request, RoutingDbContext db, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            return TypedResults.NotFound();
        }

        request.ApplyTo(agent);
        await publish.Publish(new AgentCapacityFreed { AgentId = id }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AgentResponse.From(agent));
    }

    private static async Task<Results<Ok<AgentResponse>, NotFound>> SetStatusAsync(
        Guid id, AgentStatusRequest request, RoutingDbContext db, IPublishEndpoint publish, TimeProvider clock, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
        {
            return TypedResults.NotFound();
        }

        if (agent.Status != request.Status && request.Status == AgentStatuses.Available)
        {
            agent.IdleSince = clock.GetUtcNow();
            await publish.Publish(new AgentCapacityFreed { AgentId = id }, cancellationToken);
        }

        agent.Status = request.Status;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AgentResponse.From(agent));
    }

    private static Results<ServerSentEventsResult<LiveUpdate>, NotFound> Events(Guid id, LiveUpdateHub hub, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Stream(hub, id, cancellationToken));

    private static async IAsyncEnumerable<SseItem<LiveUpdate>> Stream(LiveUpdateHub hub, Guid agentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = hub.Subscribe(agentId);
        try
        {
            // Sent at once, so the client gets the response headers (and knows it is subscribed) before any change.
            yield return new SseItem<LiveUpdate>(new LiveUpdate("connected", Guid.Empty, agentId, null, null, null), "connected");
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<LiveUpdate>(update, update.Type);
            }
        }
        finally
        {
            hub.Unsubscribe(agentId, channel);
        }
    }
}

public sealed record AgentRequest(
    [property: Required, MaxLength(200)] string Name,
    List<string>? Skills,
    [property: Range(1, 100)] int Capacity)
{
    public void ApplyTo(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        agent.Name = Name;
        agent.Skills = Skills ?? [];
        agent.Capacity = Capacity;
    }
}

public sealed record AgentStatusRequest([property: Required, AllowedValues(AgentStatuses.Available, AgentStatuses.Away, AgentStatuses.Offline)] string Status);

public sealed record AgentResponse(Guid Id, string Name, IReadOnlyList<string> Skills, int Capacity, string Status, int ActiveConversations, DateTimeOffset IdleSince)
{
    public static AgentResponse From(Agent a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Name, a.Skills, a.Capacity, a.Status, a.ActiveConversations, a.IdleSince);
    }
}
