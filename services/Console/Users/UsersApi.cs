using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Console.Platform;
using Platform.Console.Sessions;

namespace Platform.Console.Users;

/// <summary>
/// Admins manage people under <c>/console/api/users</c>. Creating an agent user first creates its routing agent through
/// routing's API (<c>POST /api/routing/agents</c>), so the person and the agent the platform routes to are one.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/console/api/users").WithTags("Users").RequireAuthorization(SessionsSetup.AdminPolicy);
        users.MapGet("/", ListAsync).WithName("ListConsoleUsers").WithSummary("Every user, without password hashes.");
        users.MapPost("/", CreateAgentAsync).WithName("CreateAgentUser").WithSummary("Creates a routing agent and the person who signs in as it.")
            .AddEndpointFilter<AntiforgeryFilter>();
        return app;
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(UserStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(UserResponse.From).ToList());

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAgentAsync(
        CreateAgentUserRequest request, UserStore store, PlatformApi platform, ILogger<UserStore> logger, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(request.UserName, cancellationToken))
        {
            return DuplicateName();
        }

        using var created = await platform.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/routing/agents")
        {
            Content = JsonContent.Create(new { name = request.DisplayName, skills = request.Skills ?? [], capacity = request.Capacity ?? 3 }),
        }, cancellationToken);
        if (!created.IsSuccessStatusCode)
        {
            throw new PlatformUnavailableException($"Creating the routing agent answered {(int)created.StatusCode}.");
        }

        var agent = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var agentId = agent.GetProperty("id").GetGuid();
        var user = await store.CreateAsync(request.UserName, request.DisplayName, ConsoleRoles.Agent, agentId, request.Password, cancellationToken);
        if (user is null)
        {
            return DuplicateName();
        }

        logger.AgentUserCreated(user.Id, agentId);
        return TypedResults.Created($"/console/api/users/{user.Id}", UserResponse.From(user));
    }

    private static ProblemHttpResult DuplicateName() => TypedResults.Problem(
        type: Problems.DuplicateUserName, title: "This user name is taken.", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["userName"] = ["This user name is taken."] } });
}

public sealed record CreateAgentUserRequest(
    [property: Required, StringLength(100, MinimumLength = 1), RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "Use letters, digits and . _ @ - only.")] string UserName,
    [property: Required, StringLength(200, MinimumLength = 1)] string DisplayName,
    [property: Required, StringLength(200, MinimumLength = 12, ErrorMessage = "The password needs at least 12 characters.")] string Password,
    List<string>? Skills,
    [property: Range(1, 100)] int? Capacity);

public sealed record UserResponse(Guid Id, string UserName, string DisplayName, string Role, Guid? AgentId, DateTimeOffset CreatedAt)
{
    public static UserResponse From(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.UserName, user.DisplayName, user.Role, user.AgentId, user.CreatedAt);
    }
}
