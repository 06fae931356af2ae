using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.SinchEmulator.Setup;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Auth;

/// <summary>Guards every /v1/projects/{projectId} call: Bearer token from /oauth2/token, or Basic with the access key (docs/sinch-wire-format.md §1.3).</summary>
internal sealed class SinchApiAuthFilter(AccessTokens tokens, IOptions<EmulatorOptions> options, ILogger<SinchApiAuthFilter> logger)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            switch (tokens.Check(authorization["Bearer ".Length..].Trim()))
            {
                case TokenCheck.Expired:
                    logger.RejectedExpiredToken();
                    // Only the substring "expired" matters to the SDKs' refresh logic (docs/sinch-wire-format.md §1.4).
                    return Reject(http, "Bearer error=\"invalid_token\", error_description=\"token expired\"");
                case TokenCheck.Unknown:
                    logger.RejectedUnknownToken();
                    return Reject(http, "Bearer error=\"invalid_token\"");
            }
        }
        else if (!BasicCredentials.TryParse(authorization, out var keyId, out var keySecret) || !tokens.IsKnownKey(keyId, keySecret))
        {
            logger.RejectedMissingCredentials();
            return Reject(http, "Bearer");
        }

        var projectId = http.GetRouteValue("projectId") as string;
        if (!string.Equals(projectId, options.Value.ProjectId, StringComparison.OrdinalIgnoreCase))
        {
            return SinchErrors.PermissionDenied($"The credentials do not grant access to project {projectId}");
        }

        return await next(context);
    }

    private static JsonHttpResult<SinchErrorBody> Reject(HttpContext http, string challenge)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        return SinchErrors.Unauthenticated();
    }
}
