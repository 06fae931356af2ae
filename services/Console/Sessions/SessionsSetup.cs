using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Platform.Console.Storage;
using Platform.Console.Users;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Console.Sessions;

/// <summary>
/// People sign in with a cookie: HttpOnly (no script reads it), SameSite=Strict, scoped to <c>/console</c>, sliding
/// expiry. State-changing calls also need the anti-forgery token (<see cref="AntiforgeryFilter"/>). An API call without
/// a session gets 401 (403 for the wrong role), never a redirect. The keys sealing cookies and anti-forgery tokens live in
/// the console's database, so any replica reads any session.
/// </summary>
public static class SessionsSetup
{
    public const string AdminPolicy = "console-admin";
    public const string AgentPolicy = "console-agent";
    public const string CookieName = "platform-console";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IHostApplicationBuilder AddSessions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sessions = builder.Services.AddValidatedOptions<SessionOptions>(builder.Configuration, SessionOptions.Section);
        builder.Services.AddDataProtection().SetApplicationName("platform-console").PersistKeysToDbContext<ConsoleDbContext>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(sessions.IdleMinutes);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Admin))
            .AddPolicy(AgentPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Agent).RequireClaim(ConsoleClaims.AgentId));
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeader;
            antiforgery.Cookie.Name = CookieName + "-antiforgery";
            antiforgery.Cookie.Path = "/console";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    private static Task Status(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
