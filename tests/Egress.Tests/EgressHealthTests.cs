using Platform.Egress.Tests.Support;
using Platform.Testing;

namespace Platform.Egress.Tests;

[Trait("Category", TestCategories.Integration)]
public sealed class EgressHealthTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public Task Readiness_reports_database_and_broker_and_fails_while_the_broker_is_down()
    {
        EgressTestSettings.ApplyToEnvironment();
        return ServiceHealthScenario.RunAsync<Program>(infrastructure, "egress");
    }
}
