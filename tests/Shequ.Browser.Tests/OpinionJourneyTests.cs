using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>A volunteer enters three suggestions on a contact day; staff route one to a registered unit, draft and publish the answer; the public page shows it.</summary>
public class OpinionJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }

    [Fact]
    public async Task A_volunteer_enters_suggestions_staff_route_and_answer_one_and_the_public_page_shows_the_answer()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var volunteerContext = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var volunteer = await volunteerContext.NewPageAsync();
        await SignInAsync(volunteer, "demo-volunteer");
        (await volunteer.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync()).ShouldBe("意见建议", "a volunteer lands on the suggestions");
        await volunteer.GotoAsync("/Opinion/ContactDays");
        await volunteer.GetByTestId("contact-days").GetByRole(AriaRole.Link, new() { Name = "湖滨社区" }).First.ClickAsync();

        string[] said = ["希望在菜市场旁边增设一个公交站", "小区健身器材坏了好几个，希望维修更换", "晚上广场舞音乐太响，影响孩子学习"];
        foreach (var text in said)
        {
            await volunteer.GetByLabel("意见建议内容").FillAsync(text);
            await volunteer.GetByRole(AriaRole.Button, new() { Name = "录入", Exact = true }).ClickAsync();
            await volunteer.GetByTestId("suggestion-entered").WaitForAsync();
        }

        var list = volunteer.GetByTestId("day-suggestions");
        foreach (var text in said)
        {
            (await list.TextContentAsync()).ShouldNotBeNull().ShouldContain(text);
        }

        await volunteer.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-contact-day.png"), FullPage = true });

        await using var staffContext = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var staff = await staffContext.NewPageAsync();
        await SignInAsync(staff, "demo-staff");
        await staff.GotoAsync("/Opinion/Suggestions");
        await staff.GetByTestId("suggestions").GetByRole(AriaRole.Row).Filter(new() { HasText = "菜市场旁边增设" }).GetByRole(AriaRole.Link).First.ClickAsync();
        (await staff.GetByLabel("类别", new() { Exact = false }).InputValueAsync()).ShouldBe("PublicTransport", "Shequ proposes public transport and the person confirms");
        await staff.GetByTestId("confirm-category").ClickAsync();
        await staff.GetByLabel("转给已登记的承办单位", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = "区交通运输局（职能部门）" });
        await staff.GetByTestId("route").ClickAsync();
        await staff.GetByLabel("答复", new() { Exact = true }).FillAsync("已列入明年公交站点优化方案，预计三月开通菜场站。");
        await staff.GetByTestId("answer").ClickAsync();
        (await staff.GetByTestId("suggestion-status").TextContentAsync()).ShouldBe("答复待公布", "the reply is a draft until it is published");
        staff.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await staff.GetByTestId("publish").ClickAsync();
        (await staff.GetByTestId("suggestion-status").TextContentAsync()).ShouldBe("已答复");

        await using var publicContext = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var resident = await publicContext.NewPageAsync();
        await resident.GotoAsync("/voice/320591001001");
        var reply = resident.GetByTestId("public-reply").Filter(new() { HasText = "菜市场旁边增设" });
        (await reply.TextContentAsync()).ShouldNotBeNull().ShouldContain("预计三月开通菜场站");
        (await resident.GetByTestId("public-contact-day").CountAsync()).ShouldBeGreaterThan(0);
        await resident.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-voice-phone.png"), FullPage = true });
    }
}
