using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Persistence;
using Platform.Routing.Rules;

namespace Platform.Routing.Bots;

/// <summary>Bots under <c>/api/routing/bots</c>. The secret is write-only: never returned.</summary>
public static class BotsApi
{
    public static IEndpointRouteBuilder MapBotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing/bots").WithTags("Bots");
        group.MapGet("/", ListAsync).WithName("ListBots").WithSummary("All bots (without secrets).");
        group.MapPost("/", CreateAsync).WithName("CreateBot").WithSummary("Adds a bot endpoint.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateBot").WithSummary("Replaces a bot's settings.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteBot").WithSummary("Deletes a bot no rule targets.");
        return app;
    }

    private static async Task<Ok<List<BotSettingsResponse>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Bots.AsNoTracking().OrderBy(b => b.Name).Select(b => new BotSettingsResponse(b.Id, b.Name, b.Url, b.TimeoutSeconds)).ToListAsync(cancellationToken));

    private static async Task<Created<BotSettingsResponse>> CreateAsync(BotSettingsRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var bot = new Bot { Id = Guid.NewGuid() };
        request.ApplyTo(bot);
        db.Bots.Add(bot);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/routing/bots/{bot.Id}", new BotSettingsResponse(bot.Id, bot.Name, bot.Url, bot.TimeoutSeconds));
    }

    private static async Task<Results<Ok<BotSettingsResponse>, NotFound>> UpdateAsync(Guid id, BotSettingsRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var bot = await db.Bots.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bot is null)
        {
            return TypedResults.NotFound();
        }

        request.ApplyTo(bot);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new BotSettingsResponse(bot.Id, bot.Name, bot.Url, bot.TimeoutSeconds));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var bot = await db.Bots.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bot is null)
        {
            return TypedResults.NotFound();
        }

        if (await db.Rules.AnyAsync(r => r.TargetKind == RuleTargets.Bot && r.TargetId == id, cancellationToken))
        {
            return TypedResults.Problem(type: Problems.InUse, title: "A routing rule targets this bot.", statusCode: StatusCodes.Status409Conflict);
        }

        db.Bots.Remove(bot);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record BotSettingsRequest(
    [property: Required, MaxLength(200)] string Name,
    [property: Required, Url, MaxLength(2000)] string Url,
    [property: Required, MinLength(16), MaxLength(500)] string Secret,
    [property: Range(1, 120)] int? TimeoutSeconds)
{
    public void ApplyTo(Bot bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        bot.Name = Name;
        bot.Url = Url;
        bot.Secret = Secret;
        bot.TimeoutSeconds = TimeoutSeconds ?? 10;
    }
}

public sealed record BotSettingsResponse(Guid Id, string Name, string Url, int TimeoutSeconds);
