using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>A resident reports a broken light from a phone; the community routes it to a handling unit, whose account answers it; the street verifies; the resident rates it.</summary>
public class RequestJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    [Fact]
    public async Task A_case_routed_to_a_units_account_is_answered_there_verified_and_rated_by_the_resident()
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

        // The community opens the case and routes it to the property company (a handling unit with its own account).
        await using var desk = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var staff = await desk.NewPageAsync();
        await ShequServer.SignInAsync(staff, "demo-staff");
        await staff.GotoAsync("/Requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "12 幢楼道灯不亮" }).ClickAsync();
        // 不予立案 is a refusal: it asks first, and saying no leaves the case as it was.
        string? asked = null;
        void Dismiss(object? sender, IDialog dialog)
        {
            asked = dialog.Message;
            _ = dialog.DismissAsync();
        }

        staff.Dialog += Dismiss;
        await staff.GetByTestId("move-Cancelled").ClickAsync();
        staff.Dialog -= Dismiss;
        asked.ShouldNotBeNull().ShouldContain("不予立案");
        (await staff.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已受理");
        (await staff.GetByTestId("move-Cancelled").GetAttributeAsync("class")).ShouldNotBeNull().ShouldContain("btn-danger");
        await staff.GetByTestId("move-Opened").ClickAsync();
        (await staff.GetByTestId("notice").TextContentAsync()).ShouldNotBeNull().ShouldContain("已立案");
        await staff.GetByLabel("派给", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = "湖滨物业服务中心" });
        await staff.GetByTestId("move-Dispatched").ClickAsync();
        (await staff.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已派遣");
        (await staff.GetByTestId("handler-unit").TextContentAsync()).ShouldBe("湖滨物业服务中心");
        (await staff.GetByTestId("move-Handling").CountAsync()).ShouldBe(0, "the unit takes it up in its own account, not staff for it");
        var caseUrl = staff.Url;

        // The unit's account sees it in its workspace, takes it up and reports the result.
        await using var unitContext = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var unit = await unitContext.NewPageAsync();
        await ShequServer.SignInAsync(unit, "demo-unit");
        unit.Url.ShouldEndWith("/Unit");
        await unit.GetByRole(AriaRole.Link, new() { Name = "12 幢楼道灯不亮" }).ClickAsync();
        await unit.GetByTestId("move-Handling").ClickAsync();
        await unit.GetByLabel("处理结果", new() { Exact = false }).FillAsync("物业电工已更换三楼楼道灯，恢复照明。");
        await unit.GetByTestId("move-Reported").ClickAsync();
        (await unit.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已反馈");
        (await unit.GotoAsync("/Registry/Residents"))!.Status.ShouldBe(403, "a unit's account reaches nothing but its own work");

        // The street verifies (separation of duties: not the one who opened it) and writes the result the resident reads.
        await using var streetContext = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var street = await streetContext.NewPageAsync();
        await ShequServer.SignInAsync(street, "demo-street");
        await street.GotoAsync(caseUrl);
        await street.GetByLabel("处理结果", new() { Exact = false }).FillAsync("经回访核实，三楼楼道灯已修好。");
        await street.GetByTestId("move-Closed").ClickAsync();
        (await street.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已结案");

        await resident.GotoAsync(followUrl);
        (await resident.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已结案");
        (await resident.GetByTestId("result").TextContentAsync()).ShouldBe("经回访核实，三楼楼道灯已修好。");
        await resident.GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await resident.GetByTestId("answer-solved").ClickAsync();
        (await resident.GetByTestId("answer-thanks").TextContentAsync()).ShouldNotBeNull().ShouldContain("感谢");
        (await resident.GetByTestId("request-stage").TextContentAsync()).ShouldBe("已评价");
        (await resident.GetByTestId("answer-solved").CountAsync()).ShouldBe(0, "the question is asked once");

        await staff.GotoAsync(caseUrl);
        (await staff.GetByTestId("answer").TextContentAsync()).ShouldNotBeNull().ShouldContain("满意");
        (await staff.GetByTestId("answer").TextContentAsync()).ShouldNotBeNull().ShouldContain("居民本人");
    }
}
