using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Console;

/// <summary>
/// One headless Chromium for a test class: the machine's Debian <c>chromium</c> (<c>./platform test</c> installs it),
/// driven by Playwright's .NET driver, which ships inside its NuGet package. Pages are 1366×768, a laptop screen.
/// Screenshots go to <c>artifacts/console-screenshots/</c> beside the test assembly.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "console-screenshots");

    public async Task InitializeAsync()
    {
        // Platform flows (bot hand-off, delivery reports) take seconds on a loaded two-core machine.
        Assertions.SetDefaultExpectTimeout(60_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Tests often run as root in containers, where Chromium's sandbox cannot start; the pages are our own.
            Args = ["--no-sandbox"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context (its own cookies) and page.</summary>
    public async Task<IPage> NewPageAsync(Uri consoleUrl, DateTimeOffset? clockAt = null)
    {
        ArgumentNullException.ThrowIfNull(consoleUrl);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            BaseURL = consoleUrl.ToString(),
        });
        context.SetDefaultTimeout(60_000);
        if (clockAt is { } at)
        {
            await context.Clock.InstallAsync(new ClockInstallOptions { TimeDate = at.UtcDateTime });
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync(consoleUrl.ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png") });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("No Chromium found: install Debian's chromium (./platform test does) or set PLATFORM_CHROMIUM.");
}
