using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Organization;

/// <summary>Issue 16: people read region and household names, pick regions inside their scope, and may type a name where a code was asked.</summary>
public partial class RegionNamesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "names-street")))
        {
            await app.CreateUserAsync("names-street", Roles.StreetAdmin, ShequFactory.StreetA);
            await app.CreateUserAsync("names-community", Roles.CommunityStaff, ShequFactory.CommunityA);
            await app.CreateUserAsync("names-admin", Roles.SystemAdmin, null);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private const string StreetPrefix = "320591001";

    private Task<string> NameOfAsync(string code) => app.WithDbAsync((db, _) => db.Regions.IgnoreQueryFilters().Where(r => r.Code == code).Select(r => r.Name).SingleAsync());

    // A division code (12 digits) or a grid number (15) standing alone in what a person reads.
    [GeneratedRegex(@"(?<!\d)(\d{12}|\d{15})(?!\d)")]
    private static partial Regex BareCode();

    /// <summary>The page's text as read, without the small secondary code beside a name.</summary>
    private static string ReadableText(string html) =>
        Home.RoleNavigationTests.ReadableText(Regex.Replace(html, @"<span class=""code small text-muted[^""]*"">\d+</span>", " "));

    [Theory]
    [InlineData("/Registry/Residents")]
    [InlineData("/Registry/Visits?all=true")]
    [InlineData("/Workforce/Workers")]
    [InlineData("/Workforce/Training")]
    [InlineData("/Requests")]
    [InlineData("/Services/Records")]
    [InlineData("/Services/Tasks")]
    [InlineData("/Services/Agreements")]
    [InlineData("/Assessment")]
    [InlineData("/Opinion/Suggestions")]
    [InlineData("/Opinion/ContactDays")]
    [InlineData("/Organization/Sites")]
    [InlineData("/Access/Accounts")]
    public async Task Lists_show_region_names_and_no_bare_code(string path)
    {
        var client = await app.SignedInClientAsync("names-street");
        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = ReadableText(await response.Content.ReadAsStringAsync());
        BareCode().Matches(text).Select(m => m.Value).Distinct().ShouldBeEmpty($"{path} shows codes where names belong");
    }

    [Fact]
    public async Task Details_pages_name_the_region_of_a_worker_a_household_and_a_request()
    {
        var client = await app.SignedInClientAsync("names-street");
        var worker = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Where(w => w.RegionCode.StartsWith(StreetPrefix)).Select(w => new { w.Id, w.RegionCode }).FirstAsync());
        var household = await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().Where(h => h.RegionCode.StartsWith(StreetPrefix)).Select(h => new { h.Id, h.RegionCode }).FirstAsync());

        foreach (var (path, code) in new[] { ($"/Workforce/Workers/Details/{worker.Id}", worker.RegionCode), ($"/Registry/Households/Details/{household.Id}", household.RegionCode) })
        {
            var html = await client.GetStringAsync(path);
            html.ShouldContain(await NameOfAsync(code));
            BareCode().Matches(ReadableText(html)).ShouldBeEmpty(path);
        }
    }

    [Fact]
    public async Task Service_records_name_the_household_by_its_householder_not_its_number()
    {
        var record = await app.WithDbAsync((db, _) => db.ServiceRecords.IgnoreQueryFilters().Where(r => r.RegionCode.StartsWith(StreetPrefix)).Select(r => new { r.HouseholdId, r.WorkerId }).FirstAsync());
        var householder = await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().Where(r => r.HouseholdId == record.HouseholdId).OrderBy(r => r.Relation).Select(r => r.Name).FirstAsync());
        var client = await app.SignedInClientAsync("names-street");

        var html = await client.GetStringAsync($"/Services/Records?household={record.HouseholdId}");
        html.ShouldContain(householder);
        html.ShouldNotContain($">{record.HouseholdId}</a>");

        var export = await client.GetByteArrayAsync($"/Services/Records?handler=Export&household={record.HouseholdId}");
        var row = (IDictionary<string, object>)MiniExcel.Query(new MemoryStream(export), useHeaderRow: true).First();
        row["户主"].ShouldBe(householder);
        row.ShouldContainKey("地址");
        row.ShouldContainKey("所属区划");
    }

    [Fact]
    public async Task Exports_carry_the_region_name_beside_the_code()
    {
        var client = await app.SignedInClientAsync("names-street");
        foreach (var path in new[] { "/Registry/Residents?handler=Export", "/Requests?handler=Export", "/Organization/Sites?handler=Export", "/Registry/Visits?handler=Export&all=true" })
        {
            var rows = MiniExcel.Query(new MemoryStream(await client.GetByteArrayAsync(path)), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            rows.ShouldNotBeEmpty(path);
            var row = rows[0];
            row.ShouldContainKey("所属区划", path);
            var code = (string)row["所属区划代码"];
            row["所属区划"].ShouldBe(await NameOfAsync(code), path);
        }
    }

    [Fact]
    public async Task A_filter_finds_the_region_by_its_name_as_by_its_code()
    {
        var client = await app.SignedInClientAsync("names-street");
        var name = await NameOfAsync(ShequFactory.CommunityA);

        var byCode = await client.GetStringAsync($"/Registry/Residents?under={ShequFactory.CommunityA}");
        var byName = await client.GetStringAsync($"/Registry/Residents?under={Uri.EscapeDataString(name)}");

        Total(byName).ShouldBe(Total(byCode));
        Total(byCode).ShouldBeGreaterThan(0);
        Total(await client.GetStringAsync($"/Registry/Residents?under={Uri.EscapeDataString("没有这个社区")}")).ShouldBe(0);
    }

    private static int Total(string html) =>
        Regex.Match(html, @"共 (\d+) 条") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [Fact]
    public async Task The_picker_offers_only_the_callers_scope_whatever_is_asked()
    {
        var client = await app.SignedInClientAsync("names-community");
        var outside = await NameOfAsync(ShequFactory.CommunityB);
        var own = await NameOfAsync(ShequFactory.CommunityA);

        var top = await client.GetStringAsync("/Organization/Regions/Pick");
        top.ShouldContain($"data-code=\"{ShequFactory.CommunityA}\"");
        top.ShouldContain($"data-code=\"{ShequFactory.CommunityA}001\"");
        Regex.Matches(top, @"data-code=""(\d+)""").Select(m => m.Groups[1].Value).ShouldAllBe(c => c.StartsWith(ShequFactory.CommunityA, StringComparison.Ordinal));

        foreach (var attack in new[] { $"?q={Uri.EscapeDataString(outside)}", $"?q={ShequFactory.StreetB[..6]}", $"?under={ShequFactory.StreetB}", $"?under=320591", "?q=%E7%A4%BE%E5%8C%BA" })
        {
            var html = await client.GetStringAsync("/Organization/Regions/Pick" + attack);
            Regex.Matches(html, @"data-code=""(\d+)""").Select(m => m.Groups[1].Value).ShouldAllBe(c => c.StartsWith(ShequFactory.CommunityA, StringComparison.Ordinal), attack);
            html.ShouldNotContain(outside);
        }

        var search = await client.GetStringAsync($"/Organization/Regions/Pick?q={Uri.EscapeDataString(own)}&levels=Grid");
        search.ShouldContain($"data-code=\"{ShequFactory.CommunityA}001\" data-name=\"{own}第1网格\" data-selectable=\"true\"");
        search.ShouldContain($"data-code=\"{ShequFactory.CommunityA}\" data-name=\"{own}\" data-selectable=\"false\"");
    }

    [Fact]
    public async Task An_opinion_volunteer_can_use_the_picker_of_the_suggestion_filter_and_nothing_else_under_organization()
    {
        await app.CreateUserAsync("names-volunteer", Roles.OpinionVolunteer, ShequFactory.CommunityA);
        var client = await app.SignedInClientAsync("names-volunteer");

        (await client.GetStringAsync("/Opinion/Suggestions")).ShouldContain("data-pick-url=\"/Organization/Regions/Pick");
        var picked = await client.GetAsync("/Organization/Regions/Pick");
        picked.StatusCode.ShouldBe(HttpStatusCode.OK);
        Regex.Matches(await picked.Content.ReadAsStringAsync(), @"data-code=""(\d+)""").Select(m => m.Groups[1].Value).ShouldAllBe(c => c.StartsWith(ShequFactory.CommunityA, StringComparison.Ordinal));
        (await client.GetAsync("/Organization/Regions")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_region_typed_by_name_is_taken_and_a_name_outside_the_scope_is_refused()
    {
        var client = await app.SignedInClientAsync("names-community");
        var grid = ShequFactory.CommunityA + "002";
        var gridName = await NameOfAsync(grid);

        var response = await client.PostFormAsync("/Registry/Households/Create", Household(gridName, "张名选", "11010519491231002X"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        (await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().Where(h => h.Id == id).Select(h => h.RegionCode).SingleAsync())).ShouldBe(grid);

        var outsideName = await NameOfAsync(ShequFactory.CommunityB + "001");
        var refused = await client.PostFormAsync("/Registry/Households/Create", Household(outsideName, "李越界", "110105194912310046"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain($"找不到名为“{outsideName}”的区划");
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync(r => r.Name == "李越界"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_name_two_regions_share_is_refused_naming_both_places()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            if (!await db.Regions.IgnoreQueryFilters().AnyAsync(r => r.Name == "同名网格"))
            {
                var a = await db.Regions.IgnoreQueryFilters().SingleAsync(r => r.Code == ShequFactory.CommunityA);
                var a2 = await db.Regions.IgnoreQueryFilters().SingleAsync(r => r.Code == ShequFactory.CommunityA2);
                db.Regions.Add(Region.Create(a, ShequFactory.CommunityA + "097", "同名网格"));
                db.Regions.Add(Region.Create(a2, ShequFactory.CommunityA2 + "097", "同名网格"));
                await db.SaveChangesAsync();
            }

            return 0;
        });
        var client = await app.SignedInClientAsync("names-street");

        var response = await client.PostFormAsync("/Registry/Households/Create", Household("同名网格", "王同名", "110105194912310062"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("有 2 个区划都叫“同名网格”");
        html.ShouldContain(await NameOfAsync(ShequFactory.CommunityA2));
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync(r => r.Name == "王同名"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_renamed_region_shows_its_new_name_at_once()
    {
        var grid = ShequFactory.CommunityA2 + "003";
        var client = await app.SignedInClientAsync("names-street");
        (await client.GetStringAsync("/Registry/Residents")).ShouldNotContain("改名后的网格");

        var form = await client.GetStringAsync($"/Organization/Regions/Edit/{grid}");
        var version = Regex.Match(form, @"name=""Input.Version""[^>]*value=""([^""]*)""").Groups[1].Value;
        var rename = await client.PostFormAsync($"/Organization/Regions/Edit/{grid}", new() { ["Input.Name"] = "改名后的网格", ["Input.Version"] = version });
        rename.StatusCode.ShouldBe(HttpStatusCode.Redirect, await rename.Content.ReadAsStringAsync());

        var picked = await client.GetStringAsync($"/Organization/Regions/Pick?q={Uri.EscapeDataString("改名后")}");
        picked.ShouldContain($"data-code=\"{grid}\"");
        var household = await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().Where(h => h.RegionCode == grid).Select(h => h.Id).FirstAsync());
        (await client.GetStringAsync($"/Registry/Households/Details/{household}")).ShouldContain("改名后的网格");
    }

    private static Dictionary<string, string> Household(string region, string name, string idNumber) => new()
    {
        ["Input.RegionCode"] = region,
        ["Input.Dwelling"] = "Apartment",
        ["Input.Building"] = "8",
        ["Input.Unit"] = "1",
        ["Input.Room"] = "101",
        ["Head.Name"] = name,
        ["Head.IdNumber"] = idNumber,
        ["Head.Mobile"] = "13800138000",
    };
}
