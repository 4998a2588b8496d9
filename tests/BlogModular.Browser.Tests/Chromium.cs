using Microsoft.Playwright;

namespace BlogModular.Browser.Tests;

/// <summary>
/// Debian's Chromium (installed by ./test.sh), driven headless through Playwright; a test tool's own browser
/// download cannot work on these machines. Shared with the deployment tests (linked source).
/// </summary>
public static class Chromium
{
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Args,
        });
        // Reviews cross Kafka twice; give eventual consistency room without ever sleeping.
        Assertions.SetDefaultExpectTimeout(20_000);
        return browser;
    }

    /// <summary>A fresh browser profile (no cookies) with one tab on <paramref name="baseUrl"/>.</summary>
    public static async Task<IPage> NewPageAsync(this IBrowser browser, string baseUrl, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }
}
