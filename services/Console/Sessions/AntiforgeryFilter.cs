using Microsoft.AspNetCore.Antiforgery;

namespace Platform.Console.Sessions;

/// <summary>
/// A state-changing call must carry the anti-forgery token the page got from <c>GET /console/api/session</c> in the
/// <c>X-CSRF-TOKEN</c> header: another site can make the browser send the cookie, but cannot read the token.
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.Problem(type: Problems.InvalidAntiforgeryToken, title: "The page is out of date; reload it and try again.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }
}
