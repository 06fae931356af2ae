using System.Text.Json;
using Platform.Console.Channels;

namespace Platform.Console.Tests;

public sealed class ConnectionProblemsTests
{
    [Theory]
    [InlineData("urn:platform:problem:egress:sinch-app-not-found", "appId")]
    [InlineData("urn:platform:problem:egress:wrong-sinch-region", "region")]
    [InlineData("urn:platform:problem:egress:app-already-connected", "appId")]
    [InlineData("urn:platform:problem:egress:sinch-unreachable", "")]
    [InlineData("urn:platform:problem:egress:sinch-error", "")]
    public void Each_sinch_problem_lands_on_the_field_it_is_about(string type, string field)
    {
        var errors = ConnectionProblems.FieldErrors(Problem($$"""{"type":"{{type}}","title":"t","detail":"The app is in region eu."}"""));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Refused_credentials_mark_both_the_client_id_and_the_secret()
    {
        var errors = ConnectionProblems.FieldErrors(Problem("""{"type":"urn:platform:problem:egress:invalid-sinch-credentials","title":"Invalid"}"""));

        Assert.Equal(["clientId", "clientSecret"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_wrong_region_message_keeps_sinchs_detail_naming_the_right_region()
    {
        var errors = ConnectionProblems.FieldErrors(Problem("""{"type":"urn:platform:problem:egress:wrong-sinch-region","detail":"The app is in region eu."}"""));

        Assert.Equal(["The app is in region eu."], errors["region"]);
    }

    [Fact]
    public void Validation_errors_keyed_by_property_name_go_to_their_fields_in_any_case()
    {
        var errors = ConnectionProblems.FieldErrors(Problem("""{"title":"invalid","errors":{"ProjectId":["Enter it."],"clientsecret":["Too long."],"Other":["Odd."]}}"""));

        Assert.Equal(["Enter it."], errors["projectId"]);
        Assert.Equal(["Too long."], errors["clientSecret"]);
        Assert.Equal(["Odd."], errors[""]);
    }

    private static JsonElement Problem(string json) => JsonDocument.Parse(json).RootElement;
}
