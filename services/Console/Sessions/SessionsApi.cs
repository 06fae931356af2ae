using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Console.Users;

namespace Platform.Console.Sessions;

/// <summary>Sign in and out: <c>/console/api/session</c>.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/console/api/session").WithTags("Session");
        session.MapGet("/", Current).WithName("GetSession").WithSummary("Who is signed in, and the anti-forgery token for the next call.");
        session.MapPost("/", SignInAsync).WithName("SignIn").WithSummary("Checks the user name and password and sets the session cookie.")
            .AddEndpointFilter<AntiforgeryFilter>();
        session.MapDelete("/", (Func<HttpContext, Task<NoContent>>)SignOutAsync).WithName("SignOut").WithSummary("Ends the session.").AddEndpointFilter<AntiforgeryFilter>();
        return app;
    }

    private static Ok<SessionResponse> Current(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var user = context.User;
        return TypedResults.Ok(user.Identity?.IsAuthenticated == true
            ? new SessionResponse(true, user.FindFirstValue(ClaimTypes.Name), user.FindFirstValue(ClaimTypes.Role), user.FindFirstValue(ConsoleClaims.AgentId), tokens.RequestToken!)
            : new SessionResponse(false, null, null, null, tokens.RequestToken!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(SignInRequest request, HttpContext context, UserStore store, CancellationToken cancellationToken)
    {
        var user = await store.FindByCredentialsAsync(request.UserName, request.Password, cancellationToken);
        if (user is null)
        {
            return TypedResults.Problem(type: Problems.InvalidCredentials, title: "The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleClaims.For(user));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}

public sealed record SignInRequest([property: Required, MaxLength(100)] string UserName, [property: Required, MaxLength(200)] string Password);

/// <summary>The page's view of the session: never a secret other than the anti-forgery token meant for it.</summary>
public sealed record SessionResponse(bool SignedIn, string? Name, string? Role, string? AgentId, string AntiforgeryToken);
