using Platform.Contracts;
using Platform.Egress.Outbound;

namespace Platform.Egress.Tests.Outbound;

public sealed class OutboundMessageStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static OutboundMessageState Requested()
    {
        var state = new OutboundMessageState { CorrelationId = Guid.NewGuid() };
        state.Request(new SendOutboundMessage
        {
            OutboundMessageId = state.CorrelationId,
            ConversationId = Guid.NewGuid(),
            SinchAppId = "app",
            Content = new OutboundContent { Text = "hi" },
            RequestedAt = T0,
        }, T0);
        return state;
    }

    [Fact]
    public void Reports_before_the_send_answer_move_forward_and_the_late_answer_does_not_move_back()
    {
        var state = Requested();

        Assert.True(state.Record(OutboundMessageStatuses.Read, T0.AddSeconds(3), null, null));
        Assert.True(state.Record(OutboundMessageStatuses.Delivered, T0.AddSeconds(2), null, null));
        Assert.True(state.Accept("sinch-1", T0.AddSeconds(1)));

        Assert.Equal(OutboundMessageStatuses.Read, state.Status);
        Assert.Equal("sinch-1", state.SinchMessageId);
        Assert.Equal(
            [OutboundMessageStatuses.Requested, OutboundMessageStatuses.Submitted, OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Read],
            state.History.Select(h => h.Status));
    }

    [Fact]
    public void The_same_report_twice_is_recorded_once()
    {
        var state = Requested();

        Assert.True(state.Record(OutboundMessageStatuses.Delivered, T0, null, null));
        Assert.False(state.Record(OutboundMessageStatuses.Delivered, T0, null, null));
        Assert.True(state.Accept("sinch-1", T0));
        Assert.False(state.Accept("sinch-1", T0));
    }

    [Fact]
    public void A_failed_message_stays_failed_with_its_reason()
    {
        var state = Requested();

        state.Record(OutboundMessageStatuses.Failed, T0, "RECIPIENT_NOT_REACHABLE", "off");
        state.Record(OutboundMessageStatuses.Delivered, T0.AddSeconds(1), null, null);

        Assert.Equal(OutboundMessageStatuses.Failed, state.Status);
        Assert.Equal("RECIPIENT_NOT_REACHABLE", state.FailureCode);
        Assert.Equal("off", state.Changed(OutboundMessageStatuses.Failed, T0).FailureDescription);
    }
}
