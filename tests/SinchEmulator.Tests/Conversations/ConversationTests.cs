using System.Net;
using Platform.SinchEmulator.Tests.Support;

namespace Platform.SinchEmulator.Tests.Conversations;

public sealed class ConversationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private EmulatorClient Client => fixture.Emulator.Client;
    private CallbackReceiver Receiver => fixture.Emulator.Receiver;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Stop_posts_conversation_stop_and_the_next_message_opens_a_new_conversation()
    {
        var first = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        var conversationId = first["conversation_id"]!.GetValue<string>();

        var stopped = await Client.CallOkAsync(HttpMethod.Post, $"/conversations/{conversationId}:stop");
        var stop = (await Receiver.WaitForAsync("conversation_stop_notification")).Json["conversation_stop_notification"]!["conversation"]!;
        var next = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"me again"}""");

        Assert.Empty(stopped);
        Assert.Equal(conversationId, stop["id"]!.GetValue<string>());
        Assert.False(stop["active"]!.GetValue<bool>());
        Assert.NotEqual(conversationId, next["conversation_id"]!.GetValue<string>());
        Assert.Equal(first["contact_id"]!.GetValue<string>(), next["contact_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopped_conversation_reads_back_inactive()
    {
        var first = await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701234567","text":"hi"}""");
        var conversationId = first["conversation_id"]!.GetValue<string>();
        await Client.CallOkAsync(HttpMethod.Post, $"/conversations/{conversationId}:stop");

        var conversation = await Client.CallOkAsync(HttpMethod.Get, $"/conversations/{conversationId}");

        Assert.False(conversation["active"]!.GetValue<bool>());
        Assert.Equal("WHATSAPP", conversation["active_channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopping_an_unknown_conversation_is_404()
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/conversations/01JNOCONVERSATION000000000:stop");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Conversations_are_listed_by_app()
    {
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230001","text":"a"}""");
        await Client.ControlAsync(HttpMethod.Post, "/customers/text", """{"identity":"46701230002","text":"b"}""");

        var list = await Client.CallOkAsync(HttpMethod.Get, $"/conversations?app_id={EmulatorFactory.AppId}&page_size=1");

        Assert.Single(list["conversations"]!.AsArray());
        Assert.Equal(2, list["total_size"]!.GetValue<int>());
        Assert.Equal("1", list["next_page_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_without_app_or_contact_is_400()
    {
        using var response = await Client.CallAsync(HttpMethod.Get, "/conversations");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
