using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Routing.Persistence;

namespace Platform.Routing.Rules;

/// <summary>
/// Routing rules under <c>/api/routing/rules</c>, in the order they are tried. The default rule cannot be deleted and
/// matches everything; only its target can change.
/// </summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/routing/rules").WithTags("Rules");
        group.MapGet("/", ListAsync).WithName("ListRules").WithSummary("All rules in the order they are tried; the default rule last.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRule").WithSummary("One rule.");
        group.MapPost("/", CreateAsync).WithName("CreateRule").WithSummary("Adds a rule.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateRule").WithSummary("Replaces a rule (the default rule: its target only).");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteRule").WithSummary("Deletes a rule other than the default one.");
        return app;
    }

    private static async Task<Ok<List<RuleResponse>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Rules.AsNoTracking().OrderBy(r => r.IsDefault).ThenBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken))
            .Select(RuleResponse.From).ToList());

    private static async Task<Results<Ok<RuleResponse>, NotFound>> GetAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken) =>
        await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } rule
            ? TypedResults.Ok(RuleResponse.From(rule))
            : TypedResults.NotFound();

    private static async Task<Results<Created<RuleResponse>, ProblemHttpResult>> CreateAsync(RuleRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        if (await TargetProblem(request, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        var rule = new RoutingRule { Id = Guid.NewGuid() };
        request.ApplyTo(rule);
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/routing/rules/{rule.Id}", RuleResponse.From(rule));
    }

    private static async Task<Results<Ok<RuleResponse>, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, RuleRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return TypedResults.NotFound();
        }

        if (await TargetProblem(request, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (rule.IsDefault)
        {
            if (request.HasConditions)
            {
                return TypedResults.Problem(type: Problems.DefaultRuleFixed, title: "The default rule matches everything; only its target can change.", statusCode: StatusCodes.Status409Conflict);
            }

            rule.TargetKind = request.TargetKind;
            rule.TargetId = request.TargetId;
        }
        else
        {
            request.ApplyTo(rule);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RuleResponse.From(rule));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return TypedResults.NotFound();
        }

        if (rule.IsDefault)
        {
            return TypedResults.Problem(type: Problems.DefaultRuleFixed, title: "The default rule always exists.", statusCode: StatusCodes.Status409Conflict);
        }

        db.Rules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> TargetProblem(RuleRequest request, RoutingDbContext db, CancellationToken cancellationToken)
    {
        var exists = request.TargetKind switch
        {
            RuleTargets.Bot => await db.Bots.AnyAsync(b => b.Id == request.TargetId, cancellationToken),
            RuleTargets.Queue => await db.Queues.AnyAsync(q => q.Id == request.TargetId, cancellationToken),
            _ => false,
        };
        return exists ? null : TypedResults.Problem(type: Problems.InvalidTarget, title: "The target bot or queue does not exist.", statusCode: StatusCodes.Status400BadRequest);
    }
}

public sealed record RuleRequest(
    [property: Required, MaxLength(200)] string Name,
    [property: Range(0, 1_000_000)] int Position,
    [property: MaxLength(100)] string? SinchAppId,
    [property: MaxLength(32)] string? Channel,
    Dictionary<string, string>? ContactAttributes,
    Dictionary<string, string>? AttachedData,
    [property: MaxLength(500)] string? TextContains,
    [property: Required, AllowedValues(RuleTargets.Bot, RuleTargets.Queue)] string TargetKind,
    [property: Required] Guid TargetId)
{
    public bool HasConditions => SinchAppId is not null || Channel is not null || TextContains is not null
        || ContactAttributes is { Count: > 0 } || AttachedData is { Count: > 0 };

    public void ApplyTo(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Name = Name;
        rule.Position = Position;
        rule.SinchAppId = SinchAppId;
        rule.Channel = Channel;
        rule.ContactAttributes = ContactAttributes ?? [];
        rule.AttachedData = AttachedData ?? [];
        rule.TextContains = TextContains;
        rule.TargetKind = TargetKind;
        rule.TargetId = TargetId;
    }
}

public sealed record RuleResponse(
    Guid Id, string Name, int Position, bool IsDefault, string? SinchAppId, string? Channel, IReadOnlyDictionary<string, string> ContactAttributes,
    IReadOnlyDictionary<string, string> AttachedData, string? TextContains, string TargetKind, Guid TargetId)
{
    public static RuleResponse From(RoutingRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Name, r.Position, r.IsDefault, r.SinchAppId, r.Channel, r.ContactAttributes, r.AttachedData, r.TextContains, r.TargetKind, r.TargetId);
    }
}
