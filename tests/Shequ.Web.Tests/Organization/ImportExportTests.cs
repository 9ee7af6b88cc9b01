using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Organization;

public class ImportExportTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    private const string Path = "/Organization/Regions/Import";

    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "io-district")))
        {
            await app.CreateUserAsync("io-district", Roles.DistrictAdmin, "320591");
            await app.CreateUserAsync("io-street", Roles.StreetAdmin, ShequFactory.StreetA);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static byte[] Workbook(params object?[][] rows)
    {
        var data = rows.Select(r => new Dictionary<string, object?>
        {
            ["代码"] = r[0],
            ["名称"] = r[1],
            ["上级代码"] = r[2],
            ["城乡分类代码"] = r[3],
        }).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(data);
        return ms.ToArray();
    }

    [Fact]
    public async Task A_valid_tree_is_imported_and_importing_it_again_changes_nothing()
    {
        var client = await app.SignedInClientAsync("io-district");
        var file = Workbook(
            ["320591004000", "新城街道", "320591", null],
            ["320591004001", "新城社区", "320591004000", 111],
            ["320591004201", "新城村", "320591004000", "220"],
            ["320591004001001", "新城社区第1网格", "320591004001", null],
            [320591004001002L, "新城社区第2网格", null, null]);

        var first = await client.PostFileAsync(Path, "tree.xlsx", file);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).ShouldContain("新增 5 条");
        var village = await app.WithDbAsync((db, _) => db.Regions.SingleAsync(r => r.Code == "320591004201"));
        village.UrbanRural.ShouldBe(UrbanRuralClass.Village);

        var again = await client.PostFileAsync(Path, "tree.xlsx", file);
        (await again.Content.ReadAsStringAsync()).ShouldContain("新增 0 条，已存在未变 5 条");
        (await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Code.StartsWith("320591004")))).ShouldBe(5);
    }

    [Fact]
    public async Task One_bad_row_rejects_the_file_with_row_and_column_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync("io-district");
        var file = Workbook(
            ["320591005000", "东湖街道", "320591", null],
            ["320591005001", "东湖社区", "320591005000", null],
            ["320591005002", "西湖社区", "320591005000", 111],
            ["320591005002001", "西湖社区第1网格", "320591005001", null]);

        var response = await client.PostFileAsync(Path, "bad.xlsx", file);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("未写入任何数据");
        html.ShouldContain("<td>3</td><td>城乡分类代码</td>");
        html.ShouldContain("<td>5</td><td>上级代码</td>");
        (await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Code.StartsWith("320591005")))).ShouldBe(0);
    }

    [Fact]
    public async Task A_street_admin_cannot_import_into_another_street()
    {
        var client = await app.SignedInClientAsync("io-street");
        var response = await client.PostFileAsync(Path, "other.xlsx", Workbook(["320591002090", "越界社区", "320591002000", 111]));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("不在您的管辖范围内");
        (await app.WithDbAsync((db, _) => db.Regions.AnyAsync(r => r.Code == "320591002090"))).ShouldBeFalse();
    }

    public static TheoryData<string, string, string> HostileFiles() => new()
    {
        { "renamed.xlsx", "exe", "不是有效的 .xlsx" },
        { "macro.xlsm", "xlsx", "只接受 .xlsx" },
        { "truncated.xlsx", "truncated", "已损坏" },
        { "bomb.xlsx", "bomb", "压缩炸弹" },
        { "xxe.xlsx", "xxe", "DTD" },
        { "xxe-after-comment.xlsx", "xxe-after-comment", "DTD" },
        { "xxe-utf16.xlsx", "xxe-utf16", "DTD" },
        { "empty.xlsx", "empty", "请选择" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Hostile_uploads_get_a_4xx_with_a_clear_message(string name, string kind, string message)
    {
        var client = await app.SignedInClientAsync("io-district");
        var content = kind switch
        {
            "exe" => [0x4D, 0x5A, 0x90, 0x00, .. new byte[2048]],
            "truncated" => Workbook(["320591", "明湖区", null, null])[..200],
            "bomb" => TestFiles.Zip(("xl/workbook.xml", new byte[1024]), ("xl/worksheets/sheet1.xml", new byte[50 * 1024 * 1024])),
            "xxe" => TestFiles.Zip(("xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><workbook>&e;</workbook>"u8.ToArray())),
            // Issue 15: the DTD check read only the first 1,024 bytes as UTF-8; these two got past it.
            "xxe-after-comment" => TestFiles.Zip(("xl/workbook.xml", System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!--" + new string('x', 1100) + "--><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><workbook>&e;</workbook>"))),
            "xxe-utf16" => TestFiles.Zip(("xl/workbook.xml", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><workbook>&e;</workbook>")])),
            "empty" => [],
            _ => Workbook(["320591", "明湖区", null, null]),
        };

        var response = await client.PostFileAsync(Path, name, content);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    /// <summary>
    /// Issue 15: a 1,048,576-row sheet was refused only by the row reader, after seconds and +190 MB. The inspection
    /// that runs before any row is read now refuses it — from the declared dimension, or by counting rows as they stream.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_sheet_over_the_row_limit_is_refused_before_its_rows_are_read(bool declared)
    {
        var limits = new Shequ.Web.Infrastructure.Excel.UploadLimits { MaxRows = 5_000 };
        var rows = string.Concat(Enumerable.Range(1, declared ? 3 : 5_002).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>第{i * 7919 % 10007}行</t></is></c></row>"));
        var dimension = declared ? "<dimension ref=\"A1:D1048576\"/>" : string.Empty;
        var file = TestFiles.WorkbookWithSheet($"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{dimension}<sheetData>{rows}</sheetData></worksheet>");
        using var stream = new MemoryStream(file);

        var refusal = Shequ.Web.Infrastructure.Excel.Inspect(new Microsoft.AspNetCore.Http.FormFile(stream, 0, file.Length, "file", "big.xlsx"), limits);

        refusal.ShouldNotBeNull().ShouldContain("行数超过上限 5000");
    }

    [Fact]
    public async Task The_template_downloads_as_a_workbook_with_chinese_headers()
    {
        var client = await app.SignedInClientAsync("io-district");
        var response = await client.GetAsync(Path + "?handler=Template");
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows[0].Keys.ShouldBe(["代码", "名称", "上级代码", "城乡分类代码"]);
    }

    [Fact]
    public async Task Exported_text_that_looks_like_a_formula_is_defused()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var community = await db.Regions.SingleAsync(r => r.Code == "320591100001");
            community.Update("=HYPERLINK(\"http://evil\",\"点我\")", community.UrbanRural);
            await db.SaveChangesAsync();
            return 0;
        });
        var client = await app.SignedInClientAsync("io-district");

        var response = await client.GetAsync("/Organization/Regions?handler=Export&q=320591100001&level=community");

        var row = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().Single();
        ((string)row["名称"]).ShouldStartWith("'=HYPERLINK");
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == "export" && a.Actor == "io-district"))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_site_list_exports_what_it_shows()
    {
        var client = await app.SignedInClientAsync("io-district");
        var response = await client.GetAsync("/Organization/Sites?handler=Export&kind=WorkStation");
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(5);
        rows.ShouldAllBe(r => (string)r["类别"] == "社区工作站");
    }

}
