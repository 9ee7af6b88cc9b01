using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Domain.Registry;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Registry;

public class ResidentImportTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    private const string Path = "/Registry/Import";

    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "imp-street-a")))
        {
            await app.CreateUserAsync("imp-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static byte[] Workbook(params string?[][] rows)
    {
        string[] columns = ["户编号", "社区/网格代码", "楼栋", "单元", "房号", "村民小组", "住房类型", "姓名", "身份证号", "手机", "与户主关系"];
        using var ms = new MemoryStream();
        ms.SaveAs(rows.Select(r => columns.Select((c, i) => (c, v: (object?)r[i])).ToDictionary(x => x.c, x => x.v)).ToList());
        return ms.ToArray();
    }

    private static string Id(int year, int sequence) => IdNumber.Compose("320591", new DateOnly(year, 3, 4), sequence).Value;

    [Fact]
    public async Task A_good_file_imports_and_importing_it_again_changes_nothing()
    {
        var file = Workbook(
            ["A", "320591001002001", "9", "1", "101", null, "楼房", "顾卫东", Id(1961, 101), "18600000001", "户主"],
            ["A", null, null, null, null, null, null, "沈桂英", Id(1963, 102), null, "配偶"],
            ["B", "320591001003", null, null, "18号", "第二村民小组", "平房", "陆振华", Id(1950, 103), null, "户主"],
            ["B", null, null, null, null, null, null, "陆小明", Id(2014, 105), null, "孙子女"]);
        var client = await app.SignedInClientAsync("imp-street-a");

        var first = await client.PostFileAsync(Path, "residents.xlsx", file);
        (await first.Content.ReadAsStringAsync()).ShouldContain("新增 2 户、4 人");
        var again = await client.PostFileAsync(Path, "residents.xlsx", file);
        (await again.Content.ReadAsStringAsync()).ShouldContain("新增 0 户、0 人，已存在未变 4 人");

        var village = await app.WithDbAsync((db, _) => db.Households.SingleAsync(h => h.RegionCode == "320591001003" && h.DwellingType == DwellingType.Bungalow));
        (await app.WithDbAsync((db, _) => db.Residents.CountAsync(r => r.HouseholdId == village.Id))).ShouldBe(2);
    }

    [Fact]
    public async Task Row_errors_reject_the_file_and_the_report_names_row_and_column()
    {
        var file = Workbook(
            ["C", "320591001004", "5", null, "303", null, "楼房", "周海燕", Id(1975, 201), "12345", "户主"],
            ["C", null, null, null, null, null, null, "周", "110105194912310021", null, "表亲"],
            ["D", "320591002001", "1", null, "101", null, "楼房", "越界", Id(1980, 203), null, "户主"],
            ["E", "320591001004", "6", null, "606", null, "楼房", "无户主", Id(1981, 205), null, "配偶"]);
        var client = await app.SignedInClientAsync("imp-street-a");
        var before = await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync());

        var response = await client.PostFileAsync(Path, "bad.xlsx", file);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]*handler=Errors[^\"]*)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var report = await client.GetAsync(link);
        var rows = MiniExcel.Query(await report.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Select(r => $"{r["行"]}/{r["列"]}").ToList();
        rows.ShouldContain("2/手机");
        rows.ShouldContain("3/身份证号");
        rows.ShouldContain("3/与户主关系");
        rows.ShouldContain("4/社区/网格代码");
        rows.ShouldContain("5/与户主关系");

        (await app.NewClient().GetAsync(link)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        var job = System.Text.RegularExpressions.Regex.Match(link, "job=([0-9a-f]+)").Groups[1].Value;
        var progress = await client.GetStringAsync($"{Path}?handler=Progress&job={job}");
        progress.ShouldContain("import-errors");
        progress.ShouldNotContain("<html");
    }
}
