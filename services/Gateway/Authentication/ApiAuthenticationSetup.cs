using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Every route requires an API key unless it says otherwise: the key policy is the fallback, so a route added to
/// the configuration without a policy is closed, not open. Webhooks (signed by Sinch, verified by ingress) declare
/// <c>"AuthorizationPolicy": "anonymous"</c>; health endpoints allow anonymous callers.
/// </summary>
public static class ApiAuthenticationSetup
{
    public const string PolicyName = "api-client";

    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keys = builder.Services.AddValidatedOptions<ApiKeyOptions>(builder.Configuration, ApiKeyOptions.Section);
        var malformed = keys.ApiKeySha256.Select((hash, i) => (hash, i)).Where(k => !ApiKeyOptions.IsSha256Hex(k.hash)).ToList();
        if (malformed.Count > 0)
        {
            // A raw key pasted instead of its hash would otherwise start fine and reject every call.
            throw new OptionsValidationException(ApiKeyOptions.Section, typeof(ApiKeyOptions),
                malformed.Select(k => $"{ApiKeyOptions.Section}:ApiKeySha256:{k.i}: must be 64 hex characters (the SHA-256 of the key, not the key)"));
        }

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, ApiClient)
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().Combine(ApiClientPolicy).Build());
        return builder;
    }

    /// <summary>
    /// The API key proves who called the gateway; it is a credential of the edge, not of the services, so it is
    /// removed before forwarding on every route (webhooks keep their headers: they carry no API key).
    /// </summary>
    public static IReverseProxyBuilder StripApiKeys(this IReverseProxyBuilder proxy) =>
        proxy.AddTransforms(context => context.AddRequestTransform(transform =>
        {
            if (transform.HttpContext.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
            {
                transform.ProxyRequest.Headers.Remove("Authorization");
                transform.ProxyRequest.Headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
            }

            return ValueTask.CompletedTask;
        }));

    private static readonly AuthorizationPolicy ApiClientPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .Build();

    private static void ApiClient(AuthorizationPolicyBuilder policy) => policy.Combine(ApiClientPolicy);
}
