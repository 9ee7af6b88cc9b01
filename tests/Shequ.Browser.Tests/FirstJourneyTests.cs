using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>What a district officer does first: sign in, open the tree, open a community, switch to English.</summary>
public class FirstJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    [Fact]
    public async Task Sign_in_open_the_tree_open_a_community_and_switch_language()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(ShequServer.DemoUser);
        await page.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync()).ShouldBe("明湖区 · 概览");
        await page.Locator("#area-chart canvas").First.WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator("#hall-chart canvas").First.WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-dashboard.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "组织架构" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "区划树" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "展开 明湖区" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "展开 湖滨街道" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "湖滨社区", Exact = true }).ClickAsync();

        (await page.GetByTestId("region-name").TextContentAsync()).ShouldBe("湖滨社区");
        (await page.ContentAsync()).ShouldContain("湖滨社区党群服务中心一站式服务大厅");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-community.png"), FullPage = true });

        await page.GetByTestId("switch-language").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Organisation" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByTestId("region-name").TextContentAsync()).ShouldBe("湖滨社区");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
    }

    [Fact]
    public async Task At_phone_width_the_navigation_folds_into_a_menu()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(ShequServer.DemoUser);
        await page.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "展开或收起导航" });
        (await toggle.IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Link, new() { Name = "区划树" }).IsVisibleAsync()).ShouldBeFalse();
        await toggle.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "组织架构" }).ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "区划树" }).IsVisibleAsync()).ShouldBeTrue();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-phone.png"), FullPage = true });
    }
}
