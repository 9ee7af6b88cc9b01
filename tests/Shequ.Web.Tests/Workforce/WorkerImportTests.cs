using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Workforce;

public class WorkerImportTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static byte[] Workbook(params object?[][] rows)
    {
        string[] columns = ["姓名", "岗位", "聘用单位代码", "入职日期", "用工类别", "职业资格", "取证年份", "服务社区/网格"];
        using var ms = new MemoryStream();
        ms.SaveAs(rows.Select(r => columns.Select((c, i) => (c, v: r[i])).ToDictionary(x => x.c, x => x.v)).ToList());
        return ms.ToArray();
    }

    [Fact]
    public async Task Workers_import_once_and_the_lists_export_imports_back_unchanged()
    {
        await app.CreateUserAsync("wi-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("wi-street");
        var file = Workbook(
            ["钱秀英", "网格员", ShequFactory.StreetA, "2020-04-01", "行政编制", "无", null, ShequFactory.CommunityA],
            ["孙志强", "社工", ShequFactory.StreetA, "2017-07-15", "职业社工", "助理社会工作师", 2018, $"{ShequFactory.CommunityA},{ShequFactory.CommunityA2}"]);

        (await (await client.PostFileAsync("/Workforce/Workers/Import", "workers.xlsx", file)).Content.ReadAsStringAsync()).ShouldContain("新增 2 人");
        (await (await client.PostFileAsync("/Workforce/Workers/Import", "workers.xlsx", file)).Content.ReadAsStringAsync()).ShouldContain("新增 0 人，已存在未变 2 人");

        var export = await (await client.GetAsync("/Workforce/Workers?handler=Export")).Content.ReadAsByteArrayAsync();
        var exported = MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).Count();
        var again = await client.PostFileAsync("/Workforce/Workers/Import", "export.xlsx", export);
        (await again.Content.ReadAsStringAsync()).ShouldContain($"新增 0 人，已存在未变 {exported} 人");
    }

    [Fact]
    public async Task Employer_and_areas_may_be_given_by_name()
    {
        await app.CreateUserAsync("wi-names", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("wi-names");
        var names = await app.WithDbAsync((db, _) => db.Regions.Where(r => r.Code == ShequFactory.StreetA || r.Code == ShequFactory.CommunityA2).ToDictionaryAsync(r => r.Code, r => r.Name));

        var response = await client.PostFileAsync("/Workforce/Workers/Import", "named.xlsx", Workbook(
            ["卫名称", "社工", names[ShequFactory.StreetA], "2021-03-01", "职业社工", "无", null, names[ShequFactory.CommunityA2]]));

        (await response.Content.ReadAsStringAsync()).ShouldContain("新增 1 人");
        var worker = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Include(w => w.Assignments).SingleAsync(w => w.Name == "卫名称"));
        worker.RegionCode.ShouldBe(ShequFactory.StreetA);
        worker.Assignments.Select(a => a.RegionCode).ShouldBe([ShequFactory.CommunityA2]);
    }

    [Fact]
    public async Task A_sheet_without_the_templates_columns_is_refused_naming_them()
    {
        // Issue 15: it answered "导入完成" with nothing imported.
        await app.CreateUserAsync("wi-columns", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("wi-columns");
        using var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object?> { ["名字"] = "褚未导入", ["单位"] = ShequFactory.StreetA } });

        var response = await client.PostFileAsync("/Workforce/Workers/Import", "other.xlsx", ms.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("表头缺少这些列：姓名、岗位、聘用单位代码");
        html.ShouldContain("表中有模板没有的列：名字、单位");
        (await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().CountAsync(w => w.Name == "褚未导入"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_with_the_limit_stated_before_it_is_read()
    {
        await app.CreateUserAsync("wi-large", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("wi-large");

        var response = await client.PostFileAsync("/Workforce/Workers/Import", "huge.xlsx", new byte[50 * 1024 * 1024]);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("不超过 11 MB");
    }

    [Fact]
    public async Task A_bad_row_rejects_the_file()
    {
        await app.CreateUserAsync("wi-street2", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("wi-street2");
        var before = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().CountAsync());
        var response = await client.PostFileAsync("/Workforce/Workers/Import", "bad.xlsx", Workbook(
            ["李静", "社工", ShequFactory.StreetA, "2019-01-01", "职业社工", "社会工作师", null, ShequFactory.CommunityA],
            ["王磊", "社工", ShequFactory.StreetB, "2019-01-01", "职业社工", "无", null, null]));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<td>2</td><td>取证年份</td>");
        html.ShouldContain("<td>3</td><td>聘用单位代码</td>");
        (await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }
}
