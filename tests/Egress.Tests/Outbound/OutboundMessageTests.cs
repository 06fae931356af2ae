using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Platform.Contracts;
using Platform.Egress.Tests.Support;
using Platform.Testing;

namespace Platform.Egress.Tests.Outbound;

[Trait("Category", TestCategories.Integration)]
[Collection(EgressPlatformCollection.Name)]
public sealed class OutboundMessageTests(EgressPlatform platform)
{
    public static TheoryData<string, string> Kinds => new()
    {
        { "text_message", """{"text":"Hello"}""" },
        { "choice_message", """{"text_message":{"text":"Solved?"},"choices":[{"text_message":{"text":"Yes"},"postback_data":"yes"}]}""" },
        { "card_message", """{"title":"Order 4711","description":"Ships today"}""" },
        { "carousel_message", """{"cards":[{"title":"A"},{"title":"B"}]}""" },
        { "location_message", """{"coordinates":{"latitude":59.33,"longitude":18.07},"title":"Office"}""" },
        { "list_message", """{"title":"Pick","sections":[{"title":"S","items":[{"choice":{"title":"One"}}]}]}""" },
        { "template_message", """{"omni_template":{"template_id":"welcome","version":"latest","language_code":"en_US","parameters":{}}}""" },
        { "contact_info_message", """{"name":{"full_name":"Acme Support"},"phone_numbers":[{"phone_number":"+46701234567"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_message_kind_is_sent_and_read(string kind, string json)
    {
        var id = await platform.SendAsync(new { sinchKind = kind, sinchJson = JsonNode.Parse(json) }, "SMS", "46700200001");

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);

        // Reports may come out of order (READ before DELIVERED): wait for all of them in the history.
        var message = await platform.HistoryAsync(id, OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Submitted);
        Assert.Equal(OutboundMessageStatuses.Read, message["status"]!.GetValue<string>());
        Assert.Equal(
            [OutboundMessageStatuses.Requested, OutboundMessageStatuses.Submitted, OutboundMessageStatuses.QueuedOnChannel,
                OutboundMessageStatuses.Delivered, OutboundMessageStatuses.Read],
            Messages.History(message));
        Assert.Single(await platform.SendsOfAsync(id));
        await Eventually.TrueAsync(
            () => Task.FromResult(platform.Bus.Of<OutboundMessageStatusChanged>().Any(e => e.OutboundMessageId == id && e.Status == OutboundMessageStatuses.Read)),
            "READ is published");
    }

    [Fact]
    public async Task A_media_message_is_sent_and_read()
    {
        using var hosted = await platform.Emulator.PostAsJsonAsync(new Uri("/emulator/media", UriKind.Relative),
            new { content_base64 = Convert.ToBase64String("fake-png"u8.ToArray()), content_type = "image/png", file_name = "a.png" });
        var url = (await hosted.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();

        var id = await platform.SendAsync(new { mediaUrl = url }, "SMS", "46700200002");

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);
    }

    [Fact]
    public async Task A_delivery_report_that_beats_the_send_answer_still_ends_in_read()
    {
        var id = NewId.NextGuid();
        platform.Hook.HoldAnswer(id, sinchMessageId => Eventually.TrueAsync(
            async () => (await platform.EmulatorJsonAsync("/emulator/callbacks?trigger=MESSAGE_DELIVERY")).AsArray()
                .Any(c => c!["status_code"]?.GetValue<int>() == 200 && c["body"]!.GetValue<string>().Contains(sinchMessageId, StringComparison.Ordinal)
                    && c["body"]!.GetValue<string>().Contains("\"READ\"", StringComparison.Ordinal)),
            "ingress took the READ report before egress saw the send's answer"));

        await platform.SendAsync(new { text = "early" }, "SMS", "46700200003", id: id);

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);
        var message = await platform.HistoryAsync(id, OutboundMessageStatuses.Submitted);
        Assert.Equal(OutboundMessageStatuses.Read, message["status"]!.GetValue<string>());
        Assert.NotNull(message["sinchMessageId"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_command_delivered_twice_sends_once()
    {
        var command = new SendOutboundMessage
        {
            OutboundMessageId = NewId.NextGuid(),
            ConversationId = Guid.NewGuid(),
            SinchAppId = EgressPlatform.AppId,
            Recipients = [new ChannelIdentity { Channel = "SMS", Identity = "46700200004" }],
            Content = new OutboundContent { Text = "once" },
        };

        await platform.Bus.Bus.Publish(command);
        await platform.Bus.Bus.Publish(command);
        await platform.StatusAsync(command.OutboundMessageId, OutboundMessageStatuses.Read);
        await platform.Bus.Bus.Publish(command);

        await Eventually.TrueAsync(async () => (await platform.SendsOfAsync(command.OutboundMessageId)).Count == 1, "one send recorded");
        Assert.Single(await platform.SendsOfAsync(command.OutboundMessageId));
    }

    [Fact]
    public async Task A_crash_after_sinch_accepted_the_send_does_not_send_again()
    {
        var id = NewId.NextGuid();
        platform.Hook.CrashOnceAfterSend(id);

        await platform.SendAsync(new { text = "crash" }, "SMS", "46700200005", id: id);

        await platform.StatusAsync(id, OutboundMessageStatuses.Read);
        Assert.Single(await platform.SendsOfAsync(id));
    }

    [Fact]
    public async Task A_429_is_retried_later_and_then_succeeds()
    {
        await platform.ControlAsync(HttpMethod.Put, "faults", new { status_code = 429, count = 1, path_contains = "messages:send" });
        try
        {
            var id = await platform.SendAsync(new { text = "busy" }, "SMS", "46700200006");

            await platform.StatusAsync(id, OutboundMessageStatuses.Read);
        }
        finally
        {
            await platform.ControlAsync(HttpMethod.Delete, "faults");
        }

        var throttled = (await platform.EmulatorJsonAsync("/emulator/requests?path_contains=messages:send&method=POST")).AsArray();
        Assert.Contains(throttled, r => r!["status_code"]?.GetValue<int>() == 429);
    }

    [Fact]
    public async Task A_400_fails_the_message_with_sinchs_field_violation()
    {
        var id = await platform.SendAsync(new { sinchKind = "card_message", sinchJson = new JsonObject() }, "SMS", "46700200007");

        var message = await platform.StatusAsync(id, OutboundMessageStatuses.Failed);

        Assert.Equal("INVALID_ARGUMENT", message["failureCode"]!.GetValue<string>());
        Assert.Contains("card_message", message["failureDescription"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_send_goes_through()
    {
        var first = await platform.SendAsync(new { text = "before" }, "SMS", "46700200008");
        await platform.StatusAsync(first, OutboundMessageStatuses.Read);
        var requests = platform.Tokens.Requests;

        await platform.ControlAsync(HttpMethod.Post, "tokens/expire");
        var second = await platform.SendAsync(new { text = "after" }, "SMS", "46700200008");

        await platform.StatusAsync(second, OutboundMessageStatuses.Read);
        Assert.Equal(requests + 1, platform.Tokens.Requests);
        var calls = await platform.SendsOfAsync(second);
        Assert.Equal([401, 200], calls.Select(c => c["status_code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Messages_are_listed_by_conversation_newest_first_in_pages()
    {
        var conversation = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await platform.Egress.PostAsJsonAsync(new Uri("/api/egress/messages", UriKind.Relative), new
            {
                conversationId = conversation,
                sinchAppId = EgressPlatform.AppId,
                recipients = new[] { new { channel = "SMS", identity = "46700200009" } },
                content = new { text = $"n{i}" },
            });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["outboundMessageId"]!.GetValue<Guid>());
        }

        foreach (var id in ids)
        {
            await platform.StatusAsync(id, OutboundMessageStatuses.Read);
        }

        var first = JsonNode.Parse(await platform.Egress.GetStringAsync(new Uri($"/api/egress/messages?conversationId={conversation}&pageSize=2", UriKind.Relative)))!;
        var token = first["nextPageToken"]!.GetValue<string>();
        var second = JsonNode.Parse(await platform.Egress.GetStringAsync(new Uri($"/api/egress/messages?conversationId={conversation}&pageSize=2&pageToken={Uri.EscapeDataString(token)}", UriKind.Relative)))!;

        var listed = first["messages"]!.AsArray().Concat(second["messages"]!.AsArray()).Select(m => m!["outboundMessageId"]!.GetValue<Guid>()).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), listed);
        Assert.Null(second["nextPageToken"]);
    }
}
