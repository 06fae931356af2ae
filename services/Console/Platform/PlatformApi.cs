using System.Text.Json;

namespace Platform.Console.Platform;

/// <summary>
/// The platform's API as the console calls it: through the gateway, with the API key, from the server only. Answers
/// are passed on to the page as they are (the services' own JSON), or read here when the console must decide something
/// (who may see a conversation).
/// </summary>
public sealed class PlatformApi(HttpClient http, ILogger<PlatformApi> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>GETs JSON; <c>null</c> for 404. Anything else unexpected throws <see cref="PlatformUnavailableException"/>.</summary>
    public async Task<JsonElement?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            logger.PlatformFailed("GET", path, (int)response.StatusCode);
            throw new PlatformUnavailableException($"GET {path} answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    /// <summary>Sends a call whose answer (status, problem details or body) the page sees as it is.</summary>
    public async Task<IResult> ForwardAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await SendAsync(request, cancellationToken);
        return await PassOnAsync(response, cancellationToken);
    }

    /// <summary>Sends a request and returns the raw answer; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using (request)
            {
                return await http.SendAsync(request, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.PlatformUnreachable(exception, request.Method.Method, request.RequestUri?.OriginalString ?? "");
            throw new PlatformUnavailableException($"{request.Method} {request.RequestUri} did not answer.", exception);
        }
    }

    /// <summary>The upstream answer as the console's: same status, same body and content type.</summary>
    public static async Task<IResult> PassOnAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return Results.StatusCode(status);
        }

        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        return new PassedOn(status, contentType, bytes);
    }

    private sealed class PassedOn(int status, string contentType, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}

/// <summary>The platform's API did not answer or answered in a way the console cannot pass on.</summary>
public sealed class PlatformUnavailableException : Exception
{
    public PlatformUnavailableException()
    {
    }

    public PlatformUnavailableException(string message) : base(message)
    {
    }

    public PlatformUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
