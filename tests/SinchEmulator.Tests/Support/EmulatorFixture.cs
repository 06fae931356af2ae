namespace Platform.SinchEmulator.Tests.Support;

/// <summary>
/// One emulator and receiver per test class, reset through the control API before each test:
/// starting hosts costs far more than the tests themselves.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorWithReceiver Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorWithReceiver.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public async Task ResetAsync()
    {
        await Emulator.Client.ControlAsync(HttpMethod.Post, "/reset");
        Emulator.Client.ForgetToken();
        Emulator.Receiver.Clear();
    }
}
