using Platform.Contracts;
using Platform.Routing.Transcripts;

namespace Platform.Routing.Tests.Transcripts;

public sealed class StatusOrderTests
{
    [Theory]
    [InlineData(OutboundMessageStatuses.Requested, OutboundMessageStatuses.Submitted, true)]
    [InlineData(OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Read, true)]
    [InlineData(OutboundMessageStatuses.Read, OutboundMessageStatuses.Delivered, false)]
    [InlineData(OutboundMessageStatuses.Submitted, OutboundMessageStatuses.Failed, true)]
    [InlineData(OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Failed, false)]
    [InlineData(OutboundMessageStatuses.Failed, OutboundMessageStatuses.Read, true)]
    [InlineData(OutboundMessageStatuses.Failed, OutboundMessageStatuses.Submitted, false)]
    [InlineData(OutboundMessageStatuses.Submitted, "SWITCHING_CHANNEL", false)]
    [InlineData(OutboundMessageStatuses.Read, OutboundMessageStatuses.Read, false)]
    public void A_status_only_moves_forward(string current, string next, bool advances) =>
        Assert.Equal(advances, StatusOrder.Advances(current, next));
}
