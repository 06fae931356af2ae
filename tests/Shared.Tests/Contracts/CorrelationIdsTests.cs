using Platform.Contracts;

namespace Platform.Shared.Tests.Contracts;

public sealed class CorrelationIdsTests
{
    [Fact]
    public void The_same_sinch_conversation_always_maps_to_the_same_id()
    {
        Assert.Equal(
            CorrelationIds.ForSinchConversation("01JCNV5C7E9G1J3M5Q7S9V1X3Z"),
            CorrelationIds.ForSinchConversation("01JCNV5C7E9G1J3M5Q7S9V1X3Z"));
    }

    [Fact]
    public void Different_scopes_and_part_boundaries_give_different_ids()
    {
        Assert.NotEqual(CorrelationIds.From("a", "b"), CorrelationIds.From("b", "a"));
        Assert.NotEqual(CorrelationIds.From("s", "ab", "c"), CorrelationIds.From("s", "a", "bc"));
    }

    [Fact]
    public void Ids_are_stable_across_releases()
    {
        // Pinned (computed independently with Python's hashlib + uuid): a change here would split every live
        // conversation from its saga and break deduplication of redelivered webhooks.
        Assert.Equal(
            Guid.Parse("7ac54b5f-a539-8b86-937f-c26a96ec6e64"),
            CorrelationIds.ForSinchConversation("01JCNV5C7E9G1J3M5Q7S9V1X3Z"));
    }
}
