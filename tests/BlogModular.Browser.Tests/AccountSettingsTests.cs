using BlogModular.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogModular.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class AccountSettingsTests(BrowserFixture app)
{
    [Fact]
    public async Task An_author_turns_decision_emails_off_and_finds_them_off_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await page.LogInAsync(await app.CreateAccountAsync("Ada"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account settings" })).ToBeVisibleAsync();
        var decisionEmails = page.GetByLabel("E-mail me when a reviewer approves or rejects one of my posts");
        await Expect(decisionEmails).ToBeCheckedAsync();

        await decisionEmails.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await BrowserFixture.ScreenshotAsync(page, "account-settings");

        await page.GotoAsync(AccountPages.Settings);
        await Expect(decisionEmails).Not.ToBeCheckedAsync();

        await decisionEmails.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await page.ReloadAsync();
        await Expect(decisionEmails).ToBeCheckedAsync();
    }
}
