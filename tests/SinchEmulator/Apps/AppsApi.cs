using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Apps;

internal static class AppsApi
{
    public static void MapAppsApi(this RouteGroupBuilder sinch)
    {
        sinch.MapGet("/apps", ListApps).WithName("ListApps").WithTags("Sinch apps");
        sinch.MapGet("/apps/{appId}", GetApp).WithName("GetApp").WithTags("Sinch apps");
    }

    private static Ok<AppList> ListApps(AppStore apps) =>
        TypedResults.Ok(new AppList([.. apps.All().Select(AppResource.From)]));

    private static Results<Ok<AppResource>, JsonHttpResult<SinchErrorBody>> GetApp(string appId, AppStore apps) =>
        apps.Find(appId) is { } app
            ? TypedResults.Ok(AppResource.From(app))
            : SinchErrors.NotFound($"App {appId} not found");
}
