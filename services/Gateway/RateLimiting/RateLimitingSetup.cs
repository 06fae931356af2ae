using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Fixed-window limits per client, attached to YARP routes by <c>"RateLimiterPolicy"</c>; over the limit answers 429
/// problem details with <c>Retry-After</c>. Counters are per gateway replica (no shared store), so the effective limit
/// scales with the replica count.
/// </summary>
public static class RateLimitingSetup
{
    public const string ApiPolicy = "api-client";
    public const string WebhookPolicy = "sinch-webhooks";

    public static IHostApplicationBuilder AddEdgeRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddValidatedOptions<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = options.WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"The limit for this client is reached; retry after {options.WindowSeconds} s.",
                    type: "https://tools.ietf.org/html/rfc6585#section-4").ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(ApiPolicy, http => Fixed(ClientKey(http), options.ApiPermitsPerWindow, window));
            limiter.AddPolicy(WebhookPolicy, http => Fixed(http.Request.RouteValues["rest"]?.ToString() ?? "", options.WebhookPermitsPerWindow, window));
        });
        return builder;
    }

    private static RateLimitPartition<string> Fixed(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    // Partitioned by a hash of the presented credential: the key itself is never kept in memory as a dictionary key.
    private static string ClientKey(HttpContext http)
    {
        var credential = http.Request.Headers.Authorization.ToString() + "|" + http.Request.Headers["X-Api-Key"].ToString();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
    }
}
