using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Registry;
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
    public async Task The_region_column_takes_a_community_or_grid_name_and_refuses_a_name_two_share()
    {
        // Issue 16: the template accepts a community or grid name as well as a code.
        var gridName = await app.WithDbAsync((db, _) => db.Regions.Where(r => r.Code == "320591001002002").Select(r => r.Name).SingleAsync());
        var communityName = await app.WithDbAsync((db, _) => db.Regions.Where(r => r.Code == "320591001004").Select(r => r.Name).SingleAsync());
        var client = await app.SignedInClientAsync("imp-street-a");

        var named = await client.PostFileAsync(Path, "by-name.xlsx", Workbook(
            ["N1", gridName, "12", "1", "502", null, "楼房", "葛名导", Id(1966, 701), null, "户主"],
            ["N2", communityName, "3", "2", "101", null, "楼房", "葛社导", Id(1967, 703), null, "户主"]));

        (await named.Content.ReadAsStringAsync()).ShouldContain("新增 2 户、2 人");
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().Where(r => r.Name == "葛名导").Select(r => r.RegionCode).SingleAsync())).ShouldBe("320591001002002");
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().Where(r => r.Name == "葛社导").Select(r => r.RegionCode).SingleAsync())).ShouldBe("320591001004");

        await app.WithDbAsync(async (db, _) =>
        {
            var a = await db.Regions.SingleAsync(r => r.Code == "320591001004");
            var b = await db.Regions.SingleAsync(r => r.Code == "320591001005");
            db.Regions.Add(Shequ.Domain.Organization.Region.Create(a, "320591001004098", "重名导入网格"));
            db.Regions.Add(Shequ.Domain.Organization.Region.Create(b, "320591001005098", "重名导入网格"));
            return await db.SaveChangesAsync();
        });
        var shared = await client.PostFileAsync(Path, "shared.xlsx", Workbook(
            ["S1", "重名导入网格", "1", "1", "101", null, "楼房", "葛重名", Id(1968, 705), null, "户主"]));

        shared.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await shared.Content.ReadAsStringAsync()).ShouldContain("“重名导入网格”是您管辖范围内不止一个社区/网格的名称");
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync(r => r.Name == "葛重名"))).ShouldBe(0);
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

    private static ResidentImport.Row RowOf(int number, params string?[] cells) =>
        new(number, ResidentImport.Columns.Select((c, i) => (c, v: cells[i])).ToDictionary(x => x.c, x => x.v, StringComparer.Ordinal));

    /// <summary>
    /// One single-person household per row, each at its own address, with IDs no other test uses: the sequence comes
    /// from the building's name (its length alone let two tests of this class import the same people).
    /// </summary>
    private static List<ResidentImport.Row> Households(string building, int count, int firstRow = 2) =>
        [.. Enumerable.Range(0, count).Select(i => RowOf(firstRow + i, $"{building}-{i}", ShequFactory.CommunityA, building, "1", $"{i}", null, "楼房", "批量",
            IdNumber.Compose("320582", new DateOnly(1940, 1, 1).AddDays(i), 100 + (building.Sum(c => c) % 400)).Value, null, "户主"))];

    private Task<ResidentImport.Outcome> ImportAsync(IEnumerable<ResidentImport.Row> rows, bool dryRun = false) =>
        app.WithDbAsync((db, sp) => new ResidentImport(db, sp.GetRequiredService<IPersonalDataSealer>(), new DateOnly(2026, 11, 26)).RunAsync(rows, dryRun));

    [Fact]
    public async Task A_member_may_come_rows_and_batches_before_the_head_of_the_household()
    {
        var memberId = IdNumber.Compose("320582", new DateOnly(1990, 6, 1), 511).Value;
        var headId = IdNumber.Compose("320582", new DateOnly(1962, 6, 1), 513).Value;
        var fillers = Households("先后楼", ResidentImport.BatchSize + 10, firstRow: 3);
        List<ResidentImport.Row> rows =
        [
            RowOf(2, "后到户", null, null, null, null, null, null, "先到的子女", memberId, null, "子女"),
            .. fillers,
            RowOf(fillers.Count + 3, "后到户", ShequFactory.CommunityA, "先后楼", "9", "909", null, "楼房", "后到的户主", headId, null, "户主"),
        ];

        var outcome = await ImportAsync(rows);

        outcome.Errors.ShouldBeEmpty();
        outcome.HouseholdsCreated.ShouldBe(fillers.Count + 1);
        outcome.ResidentsCreated.ShouldBe(fillers.Count + 2);
        var (member, head) = await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<IPersonalDataSealer>();
            var byIndex = (string id) => db.Residents.IgnoreQueryFilters().SingleAsync(r => r.IdIndex == sealer.BlindIndex(Resident.IdPurpose, id));
            return (await byIndex(memberId), await byIndex(headId));
        });
        member.HouseholdId.ShouldBe(head.HouseholdId);
        member.Relation.ShouldBe(RelationToHead.Child);
    }

    [Fact]
    public async Task A_file_without_data_rows_is_refused()
    {
        var outcome = await ImportAsync([]);

        outcome.Accepted.ShouldBeFalse();
        outcome.Errors.Single().Message.ShouldBe("文件中没有数据行。");
    }

    [Fact]
    public async Task An_error_after_whole_batches_were_written_leaves_nothing_behind()
    {
        var rows = Households("回滚楼", (ResidentImport.BatchSize * 2) + 500);
        rows.Add(RowOf(rows.Count + 2, "坏行", ShequFactory.CommunityA, "回滚楼", "2", "1", null, "楼房", "坏号", "110105194912310021", null, "户主"));
        var counts = () => app.WithDbAsync(async (db, _) => (
            await db.Residents.IgnoreQueryFilters().CountAsync(),
            await db.Households.IgnoreQueryFilters().CountAsync(),
            await db.AuditEntries.CountAsync()));
        var before = await counts();

        var outcome = await ImportAsync(rows);

        outcome.Accepted.ShouldBeFalse();
        outcome.Errors.Single().Row.ShouldBe(rows.Count + 1);
        (await counts()).ShouldBe(before);
    }

    [Fact]
    public async Task Imported_rows_are_stored_as_a_tracked_save_stores_them_and_each_has_its_audit_line()
    {
        var id = IdNumber.Compose("320582", new DateOnly(1958, 2, 3), 733).Value;
        var outcome = await ImportAsync([RowOf(2, "同样", ShequFactory.CommunityA, "比对楼", "1", "101", null, "平房", "比对人", id, "13912345678", "户主")]);
        outcome.Errors.ShouldBeEmpty();

        var (imported, tracked, history) = await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<IPersonalDataSealer>();
            var imported = await db.Residents.IgnoreQueryFilters().Include(r => r.Household).SingleAsync(r => r.IdIndex == sealer.BlindIndex(Resident.IdPurpose, id));
            var region = await db.Regions.SingleAsync(r => r.Code == ShequFactory.CommunityA);
            var household = Household.Register(region, new HouseholdAddress("比对楼", "1", "102", null), DwellingType.Bungalow, sealer);
            MobileNumber.TryParse("13912345678", out var mobile).ShouldBeTrue();
            var tracked = Resident.Register(household, "比对人", IdNumber.Compose("320582", new DateOnly(1958, 2, 3), 735), mobile, RelationToHead.Head, sealer);
            db.Residents.Add(tracked);
            await db.SaveChangesAsync();
            var history = await db.AuditEntries.Where(a => a.Action == "created" && (a.EntityType == "Resident" && a.EntityKey == imported.Id.ToString()
                || a.EntityType == "Household" && a.EntityKey == imported.HouseholdId.ToString())).CountAsync();
            return (imported, tracked, history);
        });

        sealer().Open(Resident.IdPurpose, imported.IdCipher).ShouldBe(id);
        imported.Household!.Address(sealer()).Canonical.ShouldBe(new HouseholdAddress("比对楼", "1", "101", null).Canonical);
        (imported.Name, imported.Sex, imported.BirthDate, imported.RegionCode, imported.Relation, imported.Status, imported.Household.DwellingType)
            .ShouldBe((tracked.Name, tracked.Sex, tracked.BirthDate, tracked.RegionCode, tracked.Relation, tracked.Status, DwellingType.Bungalow));
        history.ShouldBe(2);

        // Column by column, the stored form (type and length of the text) matches a row EF wrote itself.
        var stored = await app.WithDbAsync(async (db, _) =>
        {
            var columns = db.Model.FindEntityType(typeof(Resident))!.GetProperties().Select(p => p.GetColumnName()).ToList();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            var shapes = new List<string>();
            foreach (var rowId in new[] { imported.Id, tracked.Id })
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"Residents\" WHERE \"Id\" = {rowId}";
                await using var reader = await cmd.ExecuteReaderAsync();
                await reader.ReadAsync();
                shapes.Add(string.Join("|", columns.Select((c, i) => $"{c}:{(reader.IsDBNull(i) ? "null" : reader.GetFieldType(i).Name + (reader.GetValue(i) is string s ? s.Length : 0))}")
                    .Where(x => !x.StartsWith("Id:", StringComparison.Ordinal))));
            }

            return shapes;
        });
        stored[0].ShouldBe(stored[1]);

        IPersonalDataSealer sealer() => app.Services.GetRequiredService<IPersonalDataSealer>();
    }
}
