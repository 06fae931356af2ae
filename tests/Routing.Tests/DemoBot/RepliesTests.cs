extern alias demobot;

using demobot::Platform.DemoBot;

namespace Platform.Routing.Tests.DemoBot;

public sealed class RepliesTests
{
    [Fact]
    public void The_first_message_is_greeted_by_name_and_echoed()
    {
        var answer = Replies.For(Post("how are you", "Ada"), firstMessage: true);

        Assert.Equal(["Hello Ada! I am the demo bot. Say \"agent\" to talk to a person, \"menu\" for choices, \"bye\" to end.", "You said: how are you"],
            answer.Messages.Select(m => m.Text));
        Assert.Null(answer.Handoff);
        Assert.False(answer.End);
    }

    [Fact]
    public void Agent_hands_off_bye_ends_and_menu_shows_a_choice_message()
    {
        Assert.NotNull(Replies.For(Post("Agent", "Ada"), firstMessage: false).Handoff);
        Assert.True(Replies.For(Post("bye", "Ada"), firstMessage: false).End);
        var menu = Replies.For(Post("menu", "Ada"), firstMessage: false);
        var choice = Assert.Single(menu.Messages);
        Assert.Equal("choice_message", choice.Kind);
        Assert.Equal(2, choice.Json!.Value.GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public void A_retried_delivery_gets_the_same_answer_once()
    {
        var conversations = new demobot::Platform.DemoBot.Conversations();
        var post = Post("hello", "Ada");
        var calls = 0;

        var first = conversations.AnswerOnce(post, (p, f) => { calls++; return Replies.For(p, f); });
        var again = conversations.AnswerOnce(post, (p, f) => { calls++; return Replies.For(p, f); });

        Assert.Same(first, again);
        Assert.Equal(1, calls);
    }

    private static BotPost Post(string text, string name) =>
        new() { ConversationId = Guid.NewGuid(), DeliveryId = Guid.NewGuid(), DisplayName = name, Message = new BotPostMessage { Kind = "TEXT", Text = text } };
}
