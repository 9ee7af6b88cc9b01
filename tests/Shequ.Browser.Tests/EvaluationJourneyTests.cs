using Microsoft.Playwright;

namespace Shequ.Browser.Tests;

/// <summary>
/// The whole quarterly cycle (issue 14): staff draw evaluators and print the distribution list once; residents type
/// their slips' codes on a phone; after the campaign closes staff check the reasons, publish the results, which the
/// public page then shows; once the window has passed the results are frozen and a pay setting adopted, which the
/// worker's page shows.
/// </summary>
public class EvaluationJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    [Fact]
    public async Task Draw_distribute_evaluate_review_publish_freeze_and_adopt_pay_through_the_pages()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var office = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var staff = await office.NewPageAsync();
        await staff.GotoAsync("/Account/Login");
        await staff.GetByLabel("用户名").FillAsync(ShequServer.DemoUser);
        await staff.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await staff.GotoAsync("/Assessment");
        await staff.GetByLabel("每项抽取").FillAsync("12");
        await staff.GetByLabel("每人最多").FillAsync("40");
        await staff.GetByRole(AriaRole.Button, new() { Name = "随机抽取评议人并发起" }).ClickAsync();
        (await staff.GetByTestId("campaign-invitations").TextContentAsync()).ShouldNotBeNull().ShouldNotBe("0");
        var campaignUrl = staff.Url;
        await staff.GetByRole(AriaRole.Link, new() { Name = "打印评议卡" }).ClickAsync();
        await staff.GetByTestId("print-distribution").ClickAsync();
        (await staff.GetByTestId("envelope").First.TextContentAsync()).ShouldNotBeNull().ShouldContain("户", Case.Sensitive, "each envelope names the household it must reach");

        // Slips that name two workers: the first community's households served by both of its workers.
        var found = new List<(string Code, int Subjects)>();
        foreach (var slip in await staff.GetByTestId("slip").AllAsync())
        {
            var subjects = await slip.Locator("li").CountAsync();
            if (subjects >= 2)
            {
                found.Add(((await slip.GetByTestId("slip-code").TextContentAsync())!.Trim(), subjects));
            }
        }

        // Slips naming just the two workers first; some households were also served by a third.
        var codes = found.OrderBy(f => f.Subjects).Select(f => f.Code).ToList();

        codes.Count.ShouldBeGreaterThanOrEqualTo(5, "the twelve households both workers served were drawn for both");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-slips.png"), FullPage = true });

        await using var phone = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var resident = await phone.NewPageAsync();
        for (var n = 0; n < 5; n++)
        {
            await resident.GotoAsync("/e");
            await resident.GetByLabel("评议码").FillAsync(codes[n].ToLowerInvariant());
            await resident.GetByRole(AriaRole.Button, new() { Name = "开始评议" }).ClickAsync();
            var subjects = resident.GetByTestId("evaluation-subject");
            var count = await subjects.CountAsync();
            count.ShouldBeGreaterThanOrEqualTo(2);

            // A household some third worker also served grades that one too.
            for (var k = 2; k < count; k++)
            {
                await subjects.Nth(k).GetByText("良", new() { Exact = true }).ClickAsync();
            }

            if (n == 0)
            {
                // The first resident tries 优 without a reason, is told why, then gives one.
                await subjects.Nth(0).GetByText("优", new() { Exact = true }).ClickAsync();
                await subjects.Nth(1).GetByText("良", new() { Exact = true }).ClickAsync();
                await resident.GetByRole(AriaRole.Button, new() { Name = "提交评议" }).ClickAsync();
                (await resident.GetByTestId("evaluation-problem").TextContentAsync()).ShouldNotBeNull().ShouldContain("请写明理由");
                await resident.GetByTestId("evaluation-subject").Nth(0).GetByRole(AriaRole.Textbox).FillAsync("上门帮我办高龄津贴，很耐心");
                await resident.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-evaluate-phone.png"), FullPage = true });
            }
            else
            {
                await subjects.Nth(0).GetByText("良", new() { Exact = true }).ClickAsync();
                await subjects.Nth(1).GetByText(n % 2 == 0 ? "中" : "良", new() { Exact = true }).ClickAsync();
            }

            await resident.GetByRole(AriaRole.Button, new() { Name = "提交评议" }).ClickAsync();
            await resident.GetByTestId("evaluation-thanks").WaitForAsync();
        }

        await resident.GotoAsync("/e");
        await resident.GetByLabel("评议码").FillAsync(codes[0]);
        await resident.GetByRole(AriaRole.Button, new() { Name = "开始评议" }).ClickAsync();
        (await resident.GetByTestId("evaluation-problem").TextContentAsync()).ShouldNotBeNull().ShouldContain("已经提交过了");

        await staff.GotoAsync(campaignUrl);
        await staff.GetByTestId("close-campaign").ClickAsync();
        await staff.GotoAsync("/Assessment");
        await staff.GetByRole(AriaRole.Link, new() { Name = "考核结果" }).First.ClickAsync();
        var rows = await staff.GetByTestId("scores").Locator("tbody tr").AllAsync();
        var withTotal = 0;
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            if (cells.Count > 12 && cells[3] == "5" && cells[11] != "—")
            {
                withTotal++;
            }
        }

        withTotal.ShouldBeGreaterThanOrEqualTo(2, "both workers now have five valid evaluations and a total");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-scores.png"), FullPage = true });
        var scoresUrl = staff.Url;
        var periodId = scoresUrl.Split('/').Last().Split('?')[0];

        // Review: the 优 the first resident explained is checked before publication.
        await staff.GotoAsync(campaignUrl.Replace("/Details/", "/Review/", StringComparison.Ordinal));
        while (await staff.GetByTestId("reasons").GetByRole(AriaRole.Button, new() { Name = "属实" }).CountAsync() > 0)
        {
            await staff.GetByTestId("reasons").GetByRole(AriaRole.Button, new() { Name = "属实" }).First.ClickAsync();
        }

        await staff.GotoAsync(scoresUrl);
        await staff.GetByTestId("close-period").ClickAsync();
        await staff.GetByLabel("公示天数").FillAsync("3");
        await staff.GetByRole(AriaRole.Button, new() { Name = "公示结果" }).ClickAsync();
        (await staff.GetByTestId("period-status").TextContentAsync()).ShouldBe("公示中");
        var graded = (await staff.GetByTestId("scores").Locator("tbody tr td:first-child").AllTextContentsAsync())[0];

        // Anyone sees the published results on the community's public page, without signing in.
        await using var street = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl });
        var passerby = await street.NewPageAsync();
        await passerby.GotoAsync("/gongshi");
        var communities = await passerby.Locator("a[href^='/gongshi/']").AllAsync();
        var shown = false;
        foreach (var link in communities.Take(6))
        {
            await passerby.GotoAsync((await link.GetAttributeAsync("href"))!);
            if ((await passerby.ContentAsync()).Contains(graded, StringComparison.Ordinal))
            {
                shown = true;
                break;
            }

            await passerby.GotoAsync("/gongshi");
            communities = await passerby.Locator("a[href^='/gongshi/']").AllAsync();
        }

        shown.ShouldBeTrue($"{graded} is on a community's public page");
        (await passerby.GetByTestId("public-results").First.TextContentAsync()).ShouldNotBeNull().ShouldContain("公示中");

        // The window passes; the results freeze; a pay setting is adopted and the worker's page shows the result.
        await shequ.ExecuteAsync($"UPDATE \"AssessmentPeriods\" SET \"ObjectionsUntil\" = '{DateTime.Today.AddDays(-1):yyyy-MM-dd}' WHERE \"Id\" = {periodId}");
        await staff.GotoAsync(scoresUrl);
        await staff.GetByRole(AriaRole.Button, new() { Name = "定档" }).ClickAsync();
        (await staff.GetByTestId("period-status").TextContentAsync()).ShouldBe("已定档");
        await staff.GotoAsync($"/Assessment/Pay/{periodId}");
        await staff.GetByLabel("依据（如会议纪要文号）").FillAsync("街道考核领导小组会议纪要");
        await staff.GetByTestId("adopt-pay").ClickAsync();
        (await staff.GetByTestId("pay-adopted").TextContentAsync()).ShouldNotBeNull().ShouldContain("绩效工资方案已确定");
        await staff.GotoAsync("/Workforce/Workers");
        await staff.GetByRole(AriaRole.Link, new() { Name = graded, Exact = true }).First.ClickAsync();
        (await staff.GetByTestId("adopted-pay").TextContentAsync()).ShouldNotBeNull().ShouldContain($"{DateTime.Today.Year} 年考核绩效");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "shequ-worker-pay.png"), FullPage = true });
    }
}
