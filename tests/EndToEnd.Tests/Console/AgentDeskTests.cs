using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
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
public sealed class AgentDeskTests(WholePlatform platform, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_customer_message_appears_live_the_reply_is_delivered_and_read_a_quote_shows_and_the_end_stops_the_sinch_conversation()
    {
        var agent = await ConsoleAgents.CreateAsync(platform, "Ada");
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
        var agent = await ConsoleAgents.CreateAsync(platform, "Edsger");
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
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Outside_the_whatsapp_window_the_composer_offers_templates_only_and_says_why()
    {
        var agent = await ConsoleAgents.CreateAsync(platform, "Barbara");
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
