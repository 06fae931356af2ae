using Microsoft.Extensions.Options;
using Platform.SinchEmulator.Setup;

namespace Platform.SinchEmulator.Callbacks;

/// <summary>Starts a callback body with the envelope fields every trigger shares.</summary>
internal sealed class Envelopes(IOptions<EmulatorOptions> options, TimeProvider time)
{
    public CallbackEnvelope For(string appId)
    {
        var now = time.GetUtcNow();
        return new CallbackEnvelope { AppId = appId, AcceptedTime = now, EventTime = now, ProjectId = options.Value.ProjectId };
    }
}
