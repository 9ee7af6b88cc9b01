using System.IO.Compression;
using MiniExcelLibs;
using Shequ.Domain.Access;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Issue 16: an export is a file people can use — named in Chinese, a named sheet with fitted columns, and what it holds stated.</summary>
public class ExportTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_list_export_is_named_in_chinese_and_says_what_area_filters_when_and_who()
    {
        await app.CreateUserAsync("export-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("export-street");

        var response = await client.GetAsync($"/Registry/Residents?handler=Export&under={ShequFactory.CommunityA}");

        response.IsSuccessStatusCode.ShouldBeTrue(string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3)));
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.FileNameStar.ShouldNotBeNull().ShouldStartWith("居民档案-");
        disposition.FileNameStar.ShouldEndWith(".xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var file = new MemoryStream(bytes);
        MiniExcel.GetSheetNames(file).ShouldBe(["居民档案", "说明"]);

        var about = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object>>()
            .ToDictionary(r => (string)r["项目"], r => r["内容"]?.ToString());
        about["导出内容"].ShouldBe("居民档案");
        about["区域"].ShouldBe("湖滨街道");
        about["筛选条件"].ShouldBe("under=湖滨社区");
        about["导出人"].ShouldBe("export-street");
        int.Parse(about["行数"]!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Count());
        about["导出时间"].ShouldStartWith(DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // The data sheet keeps its header on the first row, frozen, filterable and with fitted widths.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        sheet.ShouldContain("<x:cols>");
        sheet.ShouldContain("<x:pane ");
        sheet.ShouldContain("<x:autoFilter ");
    }

    [Fact]
    public async Task What_was_searched_for_is_not_written_into_the_file()
    {
        // A search may be a whole ID number; the masked export must not carry it on its 说明 sheet.
        await app.CreateUserAsync("export-search", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("export-search");
        const string searched = "11010519491231002X";

        var bytes = await client.GetByteArrayAsync($"/Registry/Residents?handler=Export&q={searched}");

        var about = string.Join("\n", MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object>>().Select(r => r["内容"]));
        about.ShouldNotContain(searched);
        about.ShouldContain("q=（搜索词不写入文件）");
    }
}
