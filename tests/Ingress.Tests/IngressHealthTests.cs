using Platform.Testing;

namespace Platform.Ingress.Tests;

[Trait("Category", TestCategories.Integration)]
public sealed class IngressHealthTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public Task Readiness_reports_the_broker_and_fails_while_the_broker_is_down() =>
        ServiceHealthScenario.RunAsync<Program>(infrastructure, null);
}
