using Platform.SinchEmulator.Wire;

namespace Platform.SinchEmulator.Control;

/// <summary>Answer the next Count Sinch calls whose path contains PathContains with StatusCode (429/5xx drills).</summary>
internal sealed record Fault(int StatusCode, int Count, string? PathContains);

internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private Fault? _fault;

    public Fault? Current
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
        set
        {
            lock (_gate)
            {
                _fault = value is { Count: > 0 } ? value : null;
            }
        }
    }

    public int? Take(string path)
    {
        lock (_gate)
        {
            if (_fault is null || (_fault.PathContains is { Length: > 0 } part && !path.Contains(part, StringComparison.Ordinal)))
            {
                return null;
            }
            var status = _fault.StatusCode;
            _fault = _fault.Count > 1 ? _fault with { Count = _fault.Count - 1 } : null;
            return status;
        }
    }
}

/// <summary>Runs before routing so that a fault hits even an unauthenticated call, as an overloaded gateway would.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var sinchFacing = path.StartsWith("/v1/", StringComparison.Ordinal) || path == "/oauth2/token";
        if (sinchFacing && faults.Take(path) is { } status)
        {
            await SinchErrors.ForStatus(status, "Injected fault").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
