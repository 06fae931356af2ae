using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests.Loop;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests.Console;

/// <summary>The admin's side of the console in a real browser: sign-in, roles, the Channels page, adding agents.</summary>
[Trait("Category", TestCategories.EndToEnd)]
[Collection(WholePlatform.Collection)]
public sealed class ChannelsPageTests(WholePlatform platform, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task A_wrong_password_is_refused_and_the_page_says_so()
    {
        var page = await browser.NewPageAsync(platform.ConsoleUrl);

        var form = ConsolePages.SignInForm(page);
        await form.GetByLabel("User name").FillAsync(WholePlatform.ConsoleAdminUserName);
        await form.GetByLabel("Password").FillAsync("not-the-password");
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or password is wrong.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "sign-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_connects_the_emulators_app_sees_its_channels_rotates_its_secret_and_disconnects_it()
    {
        var page = await browser.NewPageAsync(platform.ConsoleUrl);
        await ConsolePages.SignInAsync(page, WholePlatform.ConsoleAdminUserName, WholePlatform.ConsoleAdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Channels" })).ToBeVisibleAsync();
        var connect = page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true });

        // A missing project id is named on its field.
        await page.GetByLabel("App ID").FillAsync(WholePlatform.ConsoleAppId);
        await page.GetByLabel("Client ID").FillAsync("emulator-key-id");
        await page.GetByLabel("Client secret").FillAsync("emulator-key-secret");
        await connect.ClickAsync();
        await Expect(page.GetByLabel("Project ID")).ToHaveAttributeAsync("aria-invalid", "true");

        // A wrong secret is named on the credential fields.
        await page.GetByLabel("Project ID").FillAsync("5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b");
        await page.GetByLabel("Client secret").FillAsync("wrong-secret");
        await connect.ClickAsync();
        await Expect(page.Locator("#e-clientSecret")).ToContainTextAsync("did not accept");
        await Expect(page.GetByLabel("Client secret")).ToHaveAttributeAsync("aria-invalid", "true");

        // The app lives in eu: asking in us names the region field, with the region Sinch found it in.
        await page.GetByLabel("Client secret").FillAsync("emulator-key-secret");
        await page.GetByLabel("Region").SelectOptionAsync("us");
        await connect.ClickAsync();
        await Expect(page.Locator("#e-region")).ToContainTextAsync("eu");
        await Expect(page.GetByLabel("Region")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Region").SelectOptionAsync("eu");
        await page.GetByLabel("Client secret").FillAsync("emulator-key-secret");
        await connect.ClickAsync();
        var app = page.GetByRole(AriaRole.Region, new() { Name = $"App {WholePlatform.ConsoleAppId}" });
        await Expect(app.GetByRole(AriaRole.Row, new() { Name = "WHATSAPP Receiving" })).ToBeVisibleAsync();
        await Expect(app.GetByRole(AriaRole.Row, new() { Name = "SMS Receiving" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = $"App {WholePlatform.AppId}" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "channels");

        await app.GetByRole(AriaRole.Button, new() { Name = $"Rotate webhook secret of {WholePlatform.ConsoleAppId}" }).ClickAsync();
        await Expect(app.GetByRole(AriaRole.Status)).ToContainTextAsync("rotated");

        await app.GetByRole(AriaRole.Button, new() { Name = $"Disconnect {WholePlatform.ConsoleAppId}" }).ClickAsync();
        await Expect(page.GetByText($"App {WholePlatform.ConsoleAppId} disconnected.")).ToBeVisibleAsync();
        await Expect(app).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_adds_an_agent_who_then_sees_the_agent_desk_and_not_the_admin_pages()
    {
        var page = await browser.NewPageAsync(platform.ConsoleUrl);
        await ConsolePages.SignInAsync(page, WholePlatform.ConsoleAdminUserName, WholePlatform.ConsoleAdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();
        var userName = $"grace-{Guid.NewGuid():N}"[..14];
        var agents = page.GetByRole(AriaRole.Region, new() { Name = "Agents" });
        await agents.GetByLabel("User name").FillAsync(userName);
        await agents.GetByLabel("Display name").FillAsync("Grace");
        await agents.GetByLabel("Password").FillAsync("short");
        await agents.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        await Expect(agents.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");

        await agents.GetByLabel("Password").FillAsync("graces-long-password");
        await agents.GetByRole(AriaRole.Button, new() { Name = "Add agent" }).ClickAsync();
        await Expect(agents.GetByRole(AriaRole.Row, new() { NameRegex = new Regex($"{userName} Grace agent") })).ToBeVisibleAsync();
        await ConsolePages.SignOutAsync(page);

        await ConsolePages.SignInAsync(page, userName, "graces-long-password");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Assigned to me" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Channels" })).ToBeHiddenAsync();
        var apps = await page.APIRequest.GetAsync("api/apps");
        Assert.Equal(403, apps.Status);
        await page.Context.CloseAsync();
    }
}
