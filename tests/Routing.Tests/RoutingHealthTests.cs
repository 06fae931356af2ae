using Platform.Testing;

namespace Platform.Routing.Tests;

[Trait("Category", TestCategories.Integration)]
public sealed class RoutingHealthTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public Task Readiness_reports_database_and_broker_and_fails_while_the_broker_is_down() =>
        ServiceHealthScenario.RunAsync<Program>(infrastructure, "routing");
}
