using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Platform.DemoBot;

/// <summary><c>POST /bot</c>: verifies the signature, reads the message and answers with <see cref="Replies"/>.</summary>
public static class BotEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Results<Ok<BotAnswer>, UnauthorizedHttpResult, BadRequest>> HandleAsync(
        HttpRequest request, IOptions<DemoBotOptions> options, Conversations conversations, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(conversations);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        if (!Signature.IsValid(options.Value.Secret, request.Headers["X-Platform-Timestamp"], request.Headers["X-Platform-Signature"], body,
                clock.GetUtcNow(), options.Value.ToleranceSeconds))
        {
            return TypedResults.Unauthorized();
        }

        BotPost? post;
        try
        {
            post = JsonSerializer.Deserialize<BotPost>(body, Json);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }

        if (post is null)
        {
            return TypedResults.BadRequest();
        }

        // A retried post (same delivery id) gets the answer it got the first time.
        return TypedResults.Ok(conversations.AnswerOnce(post, Replies.For));
    }
}
