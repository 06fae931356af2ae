using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Console.Platform;

/// <summary>The platform not answering is a 502 problem for the page, never an unexplained 500.</summary>
internal sealed class PlatformUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PlatformUnavailableException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status502BadGateway;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Type = Problems.PlatformUnavailable,
                Title = "The platform did not answer; try again in a moment.",
                Status = StatusCodes.Status502BadGateway,
            },
        });
    }
}
