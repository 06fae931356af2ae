using Microsoft.Extensions.FileProviders;

namespace Platform.Console.Sessions;

/// <summary>
/// The page itself: <c>wwwroot</c> served as it is under <c>/console</c> (no build step), with a strict content security
/// policy (scripts and styles from the console only, no inline script) and no caching of the HTML.
/// </summary>
public static class ConsoleAssets
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.Path.Value is "/" or "/console")
            {
                context.Response.Redirect("/console/");
                return;
            }

            await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/console" });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/console",
            FileProvider = app.Environment.WebRootFileProvider ?? new NullFileProvider(),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
