using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>A resident reports a broken light from a phone; staff dispatch and close it; the resident says it is solved.</summary>
public class RequestJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    [Fact]
    public async Task A_resident_files_on_a_phone_staff_dispatch_and_close_and_the_resident_answers_solved()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var phone = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var resident = await phone.NewPageAsync();
        await resident.GotoAsync("/");
        await resident.GetByRole(AriaRole.Link, new() { Name = "我要反映" }).ClickAsync();
        await resident.GetByLabel("您所在的社区").SelectOptionAsync("320591001001");
        await resident.GetByLabel("类别").SelectOptionAsync("22");
        await resident.GetByLabel("遇到了什么问题（一句话）").FillAsync("12 幢楼道灯不亮");
        await resident.GetByLabel("具体情况").FillAsync("12 幢 1 单元三楼楼道灯坏了一周，老人晚上上下楼看不见。");
        await resident.GetByLabel("手机号（可不填）").FillAsync("13912345678");
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var followUrl = await resident.GetByTestId("follow-link").GetAttributeAsync("href");
        followUrl.ShouldNotBeNull().ShouldContain("/r/");
        (await resident.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "the page fits the phone without sideways scrolling");
        await resident.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-report-phone.png"), FullPage = true });

        await using var desk = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var staff = await desk.NewPageAsync();
        await staff.GotoAsync("/Account/Login");
        await staff.GetByLabel("用户名").FillAsync("demo-staff");
        await staff.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await staff.GotoAsync("/Requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "12 幢楼道灯不亮" }).ClickAsync();
        await staff.GetByTestId("move-Opened").ClickAsync();
        await staff.GetByLabel("处理人", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await staff.GetByTestId("move-Dispatched").ClickAsync();
        (await staff.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已派遣");
        await staff.GetByTestId("move-Handling").ClickAsync();
        await staff.GetByLabel("说明", new() { Exact = false }).FillAsync("已更换灯泡，恢复照明。");
        await staff.GetByTestId("move-Reported").ClickAsync();
        await staff.GetByTestId("move-Closed").ClickAsync();
        (await staff.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已结案");

        await resident.GotoAsync(followUrl);
        (await resident.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已结案");
        (await resident.ContentAsync()).ShouldContain("已更换灯泡，恢复照明。");
        await resident.GetByRole(AriaRole.Button, new() { Name = "已解决" }).ClickAsync();
        (await resident.GetByTestId("answer-thanks").TextContentAsync()).ShouldNotBeNull().ShouldContain("感谢");
        (await resident.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已评价");
        (await resident.GetByRole(AriaRole.Button, new() { Name = "已解决" }).CountAsync()).ShouldBe(0, "the question is asked once");
    }
}
