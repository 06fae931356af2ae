using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>
/// The bus message id of a callback's event, derived from Sinch's own ids so that a redelivered callback yields the
/// same id: <see cref="CorrelationIds.From"/> (SHA-256, version 8 layout) over scope <c>sinch-callback</c>, the app id,
/// the trigger and the trigger's identifying fields (absent ones as empty strings).
/// </summary>
public static class CallbackMessageIds
{
    public const string Scope = "sinch-callback";

    public static Guid For(string appId, string trigger, params ReadOnlySpan<string?> parts)
    {
        ArgumentNullException.ThrowIfNull(appId);
        var values = new string[parts.Length + 2];
        values[0] = appId.ToUpperInvariant();
        values[1] = trigger;
        for (var i = 0; i < parts.Length; i++)
        {
            values[i + 2] = parts[i] ?? "";
        }

        return CorrelationIds.From(Scope, values);
    }
}
