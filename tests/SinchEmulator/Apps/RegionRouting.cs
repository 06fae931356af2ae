using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Apps;

/// <summary>
/// Sinch has one host per region and answers 404 for an app of another region (docs/sinch-wire-format.md §1). The emulator has one
/// host, so a base URL of <c>http://emulator/regions/{region}</c> stands for that region's host: the prefix is
/// stripped and remembered, and <see cref="RegionFilter"/> hides apps of other regions. Calls without the prefix see
/// every app, as before.
/// </summary>
internal sealed class RegionRouting(RequestDelegate next)
{
    public const string ItemKey = "sinch-region";

    public Task InvokeAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value?.Split('/', 4, StringSplitOptions.None);
        if (segments is { Length: 4 } && segments[1] == "regions" && segments[2].Length > 0)
        {
            context.Items[ItemKey] = segments[2];
            context.Request.Path = "/" + segments[3];
        }

        return next(context);
    }
}

/// <summary>404 NOT_FOUND for an app (in the path, or <c>app_id</c> in the query) that lives in another region.</summary>
internal sealed class RegionFilter(AppStore apps) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items[RegionRouting.ItemKey] is string region)
        {
            var appId = http.Request.RouteValues["appId"] as string ?? http.Request.Query["app_id"].FirstOrDefault();
            if (apps.Find(appId) is { } app && !string.Equals(app.Region, region, StringComparison.OrdinalIgnoreCase))
            {
                return SinchErrors.NotFound($"App {appId} not found");
            }
        }

        return await next(context);
    }
}
