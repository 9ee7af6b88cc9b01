using Microsoft.Playwright;
using MiniExcelLibs;

namespace Shequ.Browser.Tests;

/// <summary>A community worker imports residents: a file with errors, the report, the fixed file, then finds the person.</summary>
public class ImportJourneyTests(ShequServer shequ) : IClassFixture<ShequServer>
{
    private static string File(string name, params object?[][] rows)
    {
        string[] columns = ["户编号", "社区/网格代码", "楼栋", "单元", "房号", "村民小组", "住房类型", "姓名", "身份证号", "手机", "与户主关系"];
        var path = Path.Combine(Path.GetTempPath(), $"shequ-{Guid.NewGuid():N}-{name}");
        using var stream = System.IO.File.Create(path);
        stream.SaveAs(rows.Select(r => columns.Select((c, i) => (c, v: r[i])).ToDictionary(x => x.c, x => x.v)).ToList());
        return path;
    }

    [Fact]
    public async Task Import_a_file_with_errors_read_the_report_fix_it_import_it_and_find_the_resident()
    {
        Assert.SkipWhen(ShequServer.Chromium is null, "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk");
        await using var context = await shequ.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shequ.BaseUrl, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync("demo-staff");
        await page.GetByLabel("密码").FillAsync(ShequServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();

        var bad = File("bad.xlsx", ["1", "320591001001002", "12", "1", "101", null, "楼房", "范美玲", "110105194912310021", "13900001111", "户主"]);
        var good = File("good.xlsx", ["1", "320591001001002", "12", "1", "101", null, "楼房", "范美玲", "11010519491231002X", "13900001111", "户主"]);
        try
        {
            await page.GotoAsync("/Registry/Import");
            await page.GetByLabel("Excel 文件").SetInputFilesAsync(bad);
            await page.GetByRole(AriaRole.Button, new() { Name = "校验并导入" }).ClickAsync();
            await page.GetByTestId("import-errors").WaitForAsync();
            (await page.GetByTestId("import-errors").TextContentAsync())!.ShouldContain("校验位不正确");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("error-report").ClickAsync());
            var reportPath = Path.Combine(Path.GetTempPath(), $"shequ-report-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(reportPath);
            var report = MiniExcel.Query(reportPath, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            System.IO.File.Delete(reportPath);
            report.ShouldContain(r => (string)r["列"] == "身份证号" && Convert.ToInt32(r["行"], System.Globalization.CultureInfo.InvariantCulture) == 2);

            await page.GetByLabel("Excel 文件").SetInputFilesAsync(good);
            await page.GetByRole(AriaRole.Button, new() { Name = "校验并导入" }).ClickAsync();
            (await page.GetByTestId("import-result").TextContentAsync())!.ShouldContain("新增 1 户、1 人");

            await page.GotoAsync("/Registry/Residents");
            await page.GetByLabel("搜索").FillAsync("11010519491231002X");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "范美玲" }).ClickAsync();
            (await page.GetByTestId("resident-name").TextContentAsync()).ShouldBe("范美玲");
            (await page.GetByTestId("id-number").TextContentAsync()).ShouldBe("1***************2X");
            page.Url.ShouldNotContain("11010519491231002X");
        }
        finally
        {
            System.IO.File.Delete(bad);
            System.IO.File.Delete(good);
        }
    }
}
