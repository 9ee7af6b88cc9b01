using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>Issue 16: a region is chosen by name from a list of the user's scope, or by opening the tree, never typed as a code.</summary>
public class RegionPickerJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static string IdNumber(int sequence)
    {
        var body = $"11010519491231{sequence % 1000:000}";
        return body + "10X98765432"[body.Select((c, i) => (c - '0') * Weights[i]).Sum() % 11];
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await ShequServer.SignInAsync(page);
        return page;
    }

    [Fact]
    public async Task A_household_is_registered_in_a_grid_found_by_typing_part_of_its_name()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var page = await SignedInAsync(context);

        await page.GotoAsync("/Registry/Households/Create");
        var region = page.GetByRole(AriaRole.Combobox, new() { Name = "所属区划" });
        await region.FillAsync("湖滨社区第2");
        var option = page.GetByRole(AriaRole.Option, new() { Name = "湖滨社区第2网格" });
        await option.ClickAsync();
        (await region.InputValueAsync()).ShouldBe("湖滨社区第2网格");
        (await page.Locator("input[type=hidden][name='Input.RegionCode']").InputValueAsync()).ShouldBe("320591001001002");

        await page.Locator("#Input_Building").FillAsync("9");
        await page.Locator("#Input_Unit").FillAsync("2");
        await page.Locator("#Input_Room").FillAsync("302");
        await page.Locator("#Head_Name").FillAsync("孔选区");
        await page.Locator("#Head_IdNumber").FillAsync(IdNumber(Random.Shared.Next(1000)));
        await page.Locator("#Head_Mobile").FillAsync("13900139000");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await page.WaitForURLAsync("**/Registry/Households/Details/**");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("湖滨社区第2网格");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-picker-household.png"), FullPage = true });
    }

    [Fact]
    public async Task A_list_is_filtered_by_a_community_opened_level_by_level()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await SignedInAsync(context);

        await page.GotoAsync("/Registry/Residents");
        var under = page.GetByRole(AriaRole.Combobox, new() { Name = "所属区划" });
        await under.FocusAsync();
        var street = page.GetByRole(AriaRole.Option, new() { Name = "湖滨街道" });
        await street.GetByRole(AriaRole.Button, new() { Name = "下一级" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "湖滨社区" }).First.ClickAsync();
        (await under.InputValueAsync()).ShouldBe("湖滨社区");

        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.WaitForURLAsync("**under=320591001001**");
        (await page.GetByRole(AriaRole.Combobox, new() { Name = "所属区划" }).InputValueAsync()).ShouldBe("湖滨社区");
        var regions = await page.Locator("tbody td .region").AllTextContentsAsync();
        regions.ShouldNotBeEmpty();
        regions.ShouldAllBe(r => r.StartsWith("湖滨社区", StringComparison.Ordinal));
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page is wider than the phone");
    }
}
