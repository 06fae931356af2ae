namespace Platform.Testing;

/// <summary>
/// Values of the <c>Category</c> trait. The only place these names are spelled, so a typo cannot silently skip a suite:
/// <c>dotnet test --filter "Category!=Integration&amp;Category!=EndToEnd"</c> runs the unit tests alone.
/// </summary>
public static class TestCategories
{
    /// <summary>Talks to a real RabbitMQ and PostgreSQL from <see cref="InfrastructureFixture"/>.</summary>
    public const string Integration = "Integration";

    /// <summary>Drives the whole platform through the gateway against the Sinch emulator.</summary>
    public const string EndToEnd = "EndToEnd";
}
