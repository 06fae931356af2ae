using Platform.Testing;

namespace Platform.Contact.Tests;

[Trait("Category", TestCategories.Integration)]
public sealed class ContactHealthTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public Task Readiness_reports_database_and_broker_and_fails_while_the_broker_is_down() =>
        ServiceHealthScenario.RunAsync<Program>(infrastructure, "contact");
}
