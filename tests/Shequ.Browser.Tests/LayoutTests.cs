using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>Issue 16: the navigation folds into a menu at 1024 px instead of wrapping, English fits one row at 1366 px, and there is a favicon.</summary>
public class LayoutTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    private async Task<IPage> SignedInAsync(int width, string? culture = null)
    {
        var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await ShequServer.SignInAsync(page);
        if (culture is not null)
        {
            await page.GotoAsync("/?culture=" + culture);
        }

        return page;
    }

    [Fact]
    public async Task At_1024_px_the_navigation_is_a_menu_and_at_1366_px_english_fits_one_row()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");

        var tablet = await SignedInAsync(1024);
        (await tablet.GetByRole(AriaRole.Button, new() { Name = "展开或收起导航" }).IsVisibleAsync()).ShouldBeTrue("at 1024 px the links wrapped a character per line");
        (await tablet.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();

        var desktop = await SignedInAsync(1366, "en");
        (await desktop.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).IsVisibleAsync()).ShouldBeFalse();
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-1366-en.png") });
        var height = await desktop.Locator("header nav.navbar").EvaluateAsync<double>("n => n.getBoundingClientRect().height");
        height.ShouldBeLessThan(70, "the English navigation wrapped onto a second row");
        (await desktop.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await desktop.Context.CloseAsync();
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_names_a_favicon_that_is_served()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        var page = await SignedInAsync(1366);

        var href = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        href.ShouldNotBeNull();
        var icon = await page.APIRequest.GetAsync(href);
        icon.Status.ShouldBe(200);
        icon.Headers["content-type"].ShouldStartWith("image/svg+xml");
        await page.Context.CloseAsync();
    }
}
