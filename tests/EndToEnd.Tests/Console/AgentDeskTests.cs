using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests.Loop;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests.Console;

/// <summary>
/// The agent's desk in a real browser against the whole platform: customers act through the emulator, the page must
/// show it live, and what the agent does must reach the emulator.
/// </summary>
[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class AgentDeskTests(WholePlatform platform, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<ConsoleAgents.TestAgent> agents = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// The agents go offline whatever happened: an available agent also serves the default queue (it has no skill), and
    /// the platform is shared with other tests that expect their own agent to get the conversations there.
    /// </summary>
    public async Task DisposeAsync()
    {
        foreach (var agent in agents)
        {
            using var offline = await platform.Gateway.PutAsJsonAsync(new Uri($"/api/routing/agents/{agent.AgentId}/status", UriKind.Relative), new { status = "offline" });
            offline.EnsureSuccessStatusCode();
        }
    }

    private async Task<ConsoleAgents.TestAgent> AgentAsync(string name, ConsoleAgents.TestAgent? colleagueOf = null)
    {
        var agent = await ConsoleAgents.CreateAsync(platform, name, colleagueOf);
        agents.Add(agent);
        return agent;
    }

    [Fact]
    public async Task A_customer_message_appears_live_the_reply_is_delivered_and_read_a_quote_shows_and_the_end_stops_the_sinch_conversation()
    {
        var agent = await AgentAsync("Ada");
        var page = await AvailableAgentPageAsync(agent);

        var first = await platform.CustomerAsync("text", new { identity = "46700019001", display_name = "Dorothy", text = $"Hello {agent.Token}" });
        var conversation = ConsolePages.Assigned(page).GetByRole(AriaRole.Link, new() { Name = "Dorothy" });
        await Expect(conversation).ToBeVisibleAsync();
        await conversation.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dorothy on WHATSAPP" })).ToBeVisibleAsync();
        await Expect(ConsolePages.Transcript(page)).ToContainTextAsync($"Hello {agent.Token}");
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Customer" })).ToContainTextAsync("46700019001");

        await platform.CustomerAsync("text", new { identity = "46700019001", text = "Are you there?" });
        await Expect(ConsolePages.Transcript(page)).ToContainTextAsync("Are you there?");

        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes, Ada here. How can I help?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var reply = ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Ada here" });
        await Expect(reply).ToContainTextAsync("Read");

        var replyId = await Eventually.ReturnsAsync(
            () => SinchMessageIdAsync("Ada here"), id => id is not null, "the emulator has the agent's reply");
        await platform.CustomerAsync("text", new { identity = "46700019001", text = "About that, thanks", reply_to_message_id = replyId });
        var quoting = ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "About that, thanks" });
        await Expect(quoting.GetByLabel("Quoted message")).ToContainTextAsync("Yes, Ada here.");
        await ConsoleBrowser.ScreenshotAsync(page, "conversation");

        await page.GetByRole(AriaRole.Button, new() { Name = "End conversation" }).ClickAsync();
        await Expect(conversation).ToHaveCountAsync(0);
        await Eventually.ReturnsAsync(
            async () => await platform.Emulator.GetFromJsonAsync<List<JsonElement>>(new Uri("/emulator/callbacks?trigger=CONVERSATION_STOP", UriKind.Relative)) ?? [],
            stops => stops.Any(s => s.GetProperty("body").GetString()!.Contains(first.ConversationId, StringComparison.Ordinal)),
            "egress stopped the conversation at Sinch, which reported CONVERSATION_STOP",
            TimeSpan.FromSeconds(60));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_customers_image_shows_inline_and_an_agents_pdf_is_uploaded_and_fetched_by_the_channel()
    {
        var agent = await AgentAsync("Edsger");
        var page = await AvailableAgentPageAsync(agent);

        await platform.CustomerAsync("text", new { identity = "46700019002", display_name = "Frances", text = $"Look {agent.Token}" });
        var conversation = ConsolePages.Assigned(page).GetByRole(AriaRole.Link, new() { Name = "Frances" });
        await conversation.ClickAsync();
        await platform.CustomerAsync("media", new { identity = "46700019002" });
        var image = ConsolePages.Transcript(page).GetByRole(AriaRole.Img);
        await Expect(image).ToBeVisibleAsync();
        await Eventually.ReturnsAsync(() => image.EvaluateAsync<int>("img => img.naturalWidth"), width => width > 0, "the image loaded through the console");

        var pdf = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        await page.GetByLabel("Attach a file").SetInputFilesAsync(pdf);
        await Expect(page.GetByText("public link expires")).ToBeVisibleAsync();
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Your invoice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var sent = ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"Download {Path.GetFileName(pdf)}" }) });
        await Expect(sent).ToContainTextAsync(new Regex("Delivered|Read"));
        await Expect(ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Your invoice" })).ToContainTextAsync(new Regex("Delivered|Read"));
        var fetched = await Eventually.ReturnsAsync(
            async () => await platform.Emulator.GetFromJsonAsync<List<JsonElement>>(new Uri("/emulator/requests?direction=OUTGOING", UriKind.Relative)) ?? [],
            requests => requests.Any(r => r.GetProperty("path").GetString()!.EndsWith(Path.GetFileName(pdf), StringComparison.Ordinal)),
            "the emulator fetched the agent's PDF from its public link, as a channel does");
        Assert.Contains(fetched, r => r.GetProperty("status_code").GetInt32() == 200 && r.GetProperty("path").GetString()!.Contains("/media/public/", StringComparison.Ordinal));
        await ConsoleBrowser.ScreenshotAsync(page, "attachments");
        File.Delete(pdf);

        await platform.CustomerAsync("location", new { identity = "46700019002", latitude = 59.33, longitude = 18.07, title = "Office" });
        var location = ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Office" });
        await Expect(location).ToContainTextAsync("59.33, 18.07");
        await Expect(location.GetByRole(AriaRole.Link, new() { Name = "Open map" })).ToHaveAttributeAsync("href", new Regex("mlat=59.33&mlon=18.07"));

        await page.GetByText("Ask with choices").ClickAsync();
        var choices = page.GetByRole(AriaRole.Form, new() { Name = "Choice message" });
        await choices.GetByLabel("Question").FillAsync("Which day suits you?");
        await choices.GetByLabel("Choices (one a line, at most 10)").FillAsync("Monday\nTuesday");
        await choices.GetByRole(AriaRole.Button, new() { Name = "Send choices" }).ClickAsync();
        var sentChoices = ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Which day suits you?" });
        await Expect(sentChoices.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Monday", "Tuesday"]);
        await Expect(sentChoices).ToContainTextAsync(new Regex("Delivered|Read"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_waiting_conversation_shows_in_the_queue_moves_to_the_agent_who_becomes_available_and_a_transfer_reaches_a_colleague_live()
    {
        var ada = await AgentAsync("Radia");
        var colleague = await AgentAsync("Mary", colleagueOf: ada);
        var page = await browser.NewPageAsync(platform.ConsoleUrl);
        await ConsolePages.SignInAsync(page, ada.UserName, ada.Password);
        await Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();

        await platform.CustomerAsync("text", new { identity = "46700019004", display_name = "Katherine", text = $"Waiting {ada.Token}" });
        var waiting = page.GetByRole(AriaRole.List, new() { Name = "Waiting in my queues" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Katherine") });
        await Expect(waiting).ToContainTextAsync($"Console {ada.Token} · #1 · waiting");
        await ConsoleBrowser.ScreenshotAsync(page, "queue");

        await ConsolePages.BecomeAvailableAsync(page);
        var assigned = ConsolePages.Assigned(page).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Katherine") });
        await assigned.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeHiddenAsync();

        var other = await browser.NewPageAsync(platform.ConsoleUrl);
        await ConsolePages.SignInAsync(other, colleague.UserName, colleague.Password);
        await ConsolePages.BecomeAvailableAsync(other);
        await page.GetByLabel("Transfer to").SelectOptionAsync($"agent:{colleague.AgentId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();

        await Expect(assigned).ToHaveCountAsync(0);
        await Expect(ConsolePages.Assigned(other).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Katherine") })).ToBeVisibleAsync();
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Outside_the_whatsapp_window_the_composer_offers_templates_only_and_says_why()
    {
        var agent = await AgentAsync("Barbara");
        // The browser's clock runs 25 hours ahead, so the customer's message is older than WhatsApp's 24-hour window.
        var page = await AvailableAgentPageAsync(agent, DateTimeOffset.UtcNow.AddHours(25));

        await platform.CustomerAsync("text", new { identity = "46700019003", display_name = "Hedy", text = $"Hi {agent.Token}" });
        await ConsolePages.Assigned(page).GetByRole(AriaRole.Link, new() { Name = "Hedy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("24 hours");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Reply" })).ToBeHiddenAsync();
        var template = page.GetByRole(AriaRole.Form, new() { Name = "Template message" });
        await template.GetByLabel("Template ID").FillAsync("order_update");
        await template.GetByRole(AriaRole.Button, new() { Name = "Send template" }).ClickAsync();
        await Expect(ConsolePages.Transcript(page).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Template message" })).ToContainTextAsync(new Regex("Delivered|Read"));
        await ConsoleBrowser.ScreenshotAsync(page, "whatsapp-window");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> AvailableAgentPageAsync(ConsoleAgents.TestAgent agent, DateTimeOffset? clockAt = null)
    {
        var page = await browser.NewPageAsync(platform.ConsoleUrl, clockAt);
        await ConsolePages.SignInAsync(page, agent.UserName, agent.Password);
        await ConsolePages.BecomeAvailableAsync(page);
        return page;
    }

    private async Task<string?> SinchMessageIdAsync(string textContains)
    {
        var messages = await platform.Emulator.GetFromJsonAsync<List<JsonElement>>(new Uri("/emulator/messages?direction=TO_CONTACT", UriKind.Relative), Json) ?? [];
        return messages.Where(m => m.GetRawText().Contains(textContains, StringComparison.Ordinal))
            .Select(m => m.GetProperty("message").GetProperty("id").GetString()).LastOrDefault();
    }
}
