using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests.Console;

/// <summary>What a person does on the console's pages, found by label and role as a screen reader would.</summary>
public static class ConsolePages
{
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = SignInForm(page);
        await Expect(form).ToBeVisibleAsync();
        await form.GetByLabel("User name").FillAsync(userName);
        await form.GetByLabel("Password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public static ILocator SignInForm(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Sign in" });

    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    public static async Task BecomeAvailableAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();
        await page.GetByLabel("My status").SelectOptionAsync("available");
        await Expect(page.GetByText("Status: available.")).ToBeVisibleAsync();
    }

    public static ILocator Assigned(IPage page) =>
        page.GetByRole(AriaRole.List, new() { Name = "Assigned to me" });

    public static ILocator Transcript(IPage page) =>
        page.GetByRole(AriaRole.List, new() { Name = "Transcript" });
}
