using System.Text;

namespace Platform.SinchEmulator.Recording;

/// <summary>Records every Sinch-facing request; control calls and health probes are left out as noise.</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    private const int MaxRecordedBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var recorded = !path.StartsWith("/health", StringComparison.Ordinal) &&
            (!path.StartsWith("/emulator/", StringComparison.Ordinal) || path.StartsWith("/emulator/media/", StringComparison.Ordinal));
        if (!recorded)
        {
            await next(context);
            return;
        }

        var at = time.GetUtcNow();
        // The token request may carry client_secret in its form body.
        var body = path == "/oauth2/token" ? null : await ReadBodyAsync(context.Request);
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            var scheme = request.Headers.Authorization.ToString().Split(' ', 2)[0];
            log.Add(sequence => new RecordedRequest(sequence, RecordedRequest.Incoming, at, request.Method, path,
                request.QueryString.Value ?? "", scheme.Length == 0 ? null : scheme, body, context.Response.StatusCode, null));
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }
        request.EnableBuffering();
        var buffer = new byte[MaxRecordedBodyBytes];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted)) > 0)
        {
            read += chunk;
        }
        request.Body.Position = 0;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
