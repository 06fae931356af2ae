using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Auth;

internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope);

/// <summary>RFC 6749 §5.2 error body; Sinch's exact token-endpoint errors are not documented.</summary>
internal sealed record OAuthError(string Error, string ErrorDescription);

internal static class TokenApi
{
    public static void MapTokenApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth2/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("OAuth2 client-credentials grant: Basic auth header or client_id/client_secret form fields")
            .WithTags("Sinch auth")
            .DisableAntiforgery();

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> IssueToken(
        HttpRequest request, AccessTokens tokens, ILogger<AccessTokens> logger, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        if (form?["grant_type"].ToString() != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be client_credentials");
        }

        if (!BasicCredentials.TryParse(request.Headers.Authorization, out var keyId, out var keySecret))
        {
            keyId = form["client_id"].ToString();
            keySecret = form["client_secret"].ToString();
        }

        if (!tokens.IsKnownKey(keyId, keySecret))
        {
            logger.TokenRefused();
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid credentials");
        }

        logger.TokenIssued(keyId);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(keyId), "Bearer", tokens.LifetimeSeconds, ""));
    }

    private static JsonHttpResult<OAuthError> Error(int status, string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), SinchJson.Options, statusCode: status);
}
