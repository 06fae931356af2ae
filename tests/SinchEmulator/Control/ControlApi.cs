using Microsoft.AspNetCore.Http.HttpResults;
using Platform.SinchEmulator.Auth;
using Platform.SinchEmulator.Callbacks;
using Platform.SinchEmulator.Messages;

namespace Platform.SinchEmulator.Control;

internal sealed record RateLimitRequest(int? MessagesPerSecond);

internal sealed record ExpiredTokens(int Expired);

/// <summary>Control API (not Sinch): reset, delivery scripts, faults, callback misbehaviour, token expiry.</summary>
internal static class ControlApi
{
    public static void MapControlApi(this RouteGroupBuilder control)
    {
        control.MapPost("/reset", Reset).WithName("ResetEmulator").WithTags("Emulator control");

        var scripts = control.MapGroup("/delivery-scripts").WithTags("Emulator control");
        scripts.MapGet("/default", GetDefaultScript).WithName("GetDefaultDeliveryScript");
        scripts.MapPut("/default", SetDefaultScript).WithName("SetDefaultDeliveryScript");
        scripts.MapPut("/identities/{identity}", SetIdentityScript).WithName("SetIdentityDeliveryScript");
        scripts.MapDelete("/identities/{identity}", ClearIdentityScript).WithName("ClearIdentityDeliveryScript");

        control.MapPut("/rate-limit", SetRateLimit).WithName("SetSendRateLimit").WithTags("Emulator control");
        control.MapPut("/faults", SetFault).WithName("SetFault").WithTags("Emulator control");
        control.MapDelete("/faults", ClearFault).WithName("ClearFault").WithTags("Emulator control");
        control.MapGet("/callback-mode", GetCallbackMode).WithName("GetCallbackMode").WithTags("Emulator control");
        control.MapPut("/callback-mode", SetCallbackMode).WithName("SetCallbackMode").WithTags("Emulator control");
        control.MapPost("/tokens/expire", ExpireTokens).WithName("ExpireTokens").WithTags("Emulator control");
    }

    private static NoContent Reset(EmulatorReset reset)
    {
        reset.Reset();
        return TypedResults.NoContent();
    }

    private static Ok<DeliveryScript> GetDefaultScript(DeliveryScripts scripts) => TypedResults.Ok(scripts.DefaultScript);

    private static Results<Ok<DeliveryScript>, ValidationProblem> SetDefaultScript(DeliveryScript script, DeliveryScripts scripts)
    {
        if (Invalid(script) is { } problem)
        {
            return problem;
        }
        scripts.DefaultScript = script;
        return TypedResults.Ok(script);
    }

    private static Results<Ok<DeliveryScript>, ValidationProblem> SetIdentityScript(string identity, DeliveryScript script, DeliveryScripts scripts)
    {
        if (Invalid(script) is { } problem)
        {
            return problem;
        }
        scripts.SetFor(identity, script);
        return TypedResults.Ok(script);
    }

    private static Results<NoContent, NotFound> ClearIdentityScript(string identity, DeliveryScripts scripts) =>
        scripts.ClearFor(identity) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Results<Ok<RateLimitRequest>, ValidationProblem> SetRateLimit(RateLimitRequest request, SendRateLimiter limiter)
    {
        if (request.MessagesPerSecond is < 0)
        {
            return Problem("messages_per_second", "Must be zero or more, or null for no limit");
        }
        limiter.PerSecond = request.MessagesPerSecond;
        return TypedResults.Ok(request);
    }

    private static Results<Ok<Fault>, ValidationProblem> SetFault(Fault fault, FaultInjector faults)
    {
        if (fault.StatusCode is < 400 or > 599)
        {
            return Problem("status_code", "Must be an HTTP error status (400-599)");
        }
        faults.Current = fault;
        return TypedResults.Ok(fault);
    }

    private static NoContent ClearFault(FaultInjector faults)
    {
        faults.Current = null;
        return TypedResults.NoContent();
    }

    private static Ok<CallbackMode> GetCallbackMode(CallbackModeSetting mode) => TypedResults.Ok(mode.Current);

    private static Results<Ok<CallbackMode>, ValidationProblem> SetCallbackMode(CallbackMode requested, CallbackModeSetting mode)
    {
        if (requested.Duplicates is < 0 or > 10 || requested.ReorderWindow is < 0 or > 1000 || requested.ReorderHoldMs is < 0 or > 60_000)
        {
            return Problem("callback_mode", "duplicates 0-10, reorder_window 0-1000, reorder_hold_ms 0-60000");
        }
        mode.Current = requested;
        return TypedResults.Ok(requested);
    }

    private static Ok<ExpiredTokens> ExpireTokens(AccessTokens tokens) => TypedResults.Ok(new ExpiredTokens(tokens.ExpireAll()));

    private static ValidationProblem? Invalid(DeliveryScript script)
    {
        var problems = script.Steps is null ? ["steps is required"] : script.Problems().ToArray();
        return problems.Length == 0 ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["steps"] = problems });
    }

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
