using Microsoft.AspNetCore.Authentication;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Gateway.Authentication;

/// <summary>
/// <c>/api/**</c> requires an API key; webhooks (signed by Sinch, checked by ingress) and health stay open.
/// YARP routes opt in with <c>"AuthorizationPolicy": "api-client"</c>.
/// </summary>
public static class ApiAuthenticationSetup
{
    public const string PolicyName = "api-client";

    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<ApiKeyOptions>(builder.Configuration, ApiKeyOptions.Section);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return builder;
    }
}
