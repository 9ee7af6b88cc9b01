using Shequ.Domain.Registry;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Organization;

public class RegionPagesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "org-street")))
        {
            await app.CreateUserAsync("org-street", Roles.StreetAdmin, ShequFactory.StreetA);
            await app.CreateUserAsync("org-inspector", Roles.Inspector, "320591");
            await app.CreateUserAsync("org-district", Roles.DistrictAdmin, "320591");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<Region?> FindAsync(string code) => app.WithDbAsync((db, _) => db.Regions.SingleOrDefaultAsync(r => r.Code == code));

    [Fact]
    public async Task A_street_admin_adds_a_grid_to_a_community_of_their_street()
    {
        var client = await app.SignedInClientAsync("org-street");
        var response = await client.PostFormAsync($"/Organization/Regions/Create?parent={ShequFactory.CommunityA2}", new()
        {
            ["Input.Code"] = ShequFactory.CommunityA2 + "099",
            ["Input.Name"] = "柳岸社区第99网格",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var grid = await FindAsync(ShequFactory.CommunityA2 + "099");
        grid.ShouldNotBeNull();
        grid.Level.ShouldBe(RegionLevel.Grid);
    }

    [Fact]
    public async Task A_code_that_does_not_extend_the_parent_gets_a_clear_chinese_message_and_nothing_is_written()
    {
        var client = await app.SignedInClientAsync("org-street");
        var response = await client.PostFormAsync($"/Organization/Regions/Create?parent={ShequFactory.StreetA}", new()
        {
            ["Input.Code"] = "320591002099",
            ["Input.Name"] = "错挂社区",
            ["Input.UrbanRural"] = nameof(UrbanRuralClass.MainUrbanArea),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("下级代码必须以上级代码的有效前缀开头");
        (await FindAsync("320591002099")).ShouldBeNull();
    }

    [Fact]
    public async Task A_duplicate_code_is_refused()
    {
        var client = await app.SignedInClientAsync("org-street");
        var response = await client.PostFormAsync($"/Organization/Regions/Create?parent={ShequFactory.StreetA}", new()
        {
            ["Input.Code"] = ShequFactory.CommunityA,
            ["Input.Name"] = "重复社区",
            ["Input.UrbanRural"] = nameof(UrbanRuralClass.MainUrbanArea),
        });

        (await response.Content.ReadAsStringAsync()).ShouldContain($"代码“{ShequFactory.CommunityA}”已存在");
        (await FindAsync(ShequFactory.CommunityA))!.Name.ShouldBe("湖滨社区");
    }

    [Fact]
    public async Task Creating_under_another_streets_community_is_a_404()
    {
        var client = await app.SignedInClientAsync("org-street");
        (await client.GetAsync($"/Organization/Regions/Create?parent={ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_inspector_reads_but_cannot_edit()
    {
        var client = await app.SignedInClientAsync("org-inspector");
        (await client.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/Organization/Regions/Edit/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var denied = await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == "access-denied" && a.Actor == "org-inspector"));
        denied.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Editing_with_a_stale_version_is_a_409_and_keeps_the_newer_name()
    {
        var client = await app.SignedInClientAsync("org-district");
        var code = "320591003004";
        var stale = (await FindAsync(code))!.Version;
        (await client.PostFormAsync($"/Organization/Regions/Edit/{code}", new()
        {
            ["Input.Name"] = "虹桥社区（一）",
            ["Input.UrbanRural"] = nameof(UrbanRuralClass.MainUrbanArea),
            ["Input.Version"] = stale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var second = await client.PostFormAsync($"/Organization/Regions/Edit/{code}", new()
        {
            ["Input.Name"] = "虹桥社区（二）",
            ["Input.UrbanRural"] = nameof(UrbanRuralClass.MainUrbanArea),
            ["Input.Version"] = stale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).ShouldContain("已被他人修改");
        (await FindAsync(code))!.Name.ShouldBe("虹桥社区（一）");
    }

    [Fact]
    public async Task Moving_a_community_to_another_street_recodes_its_grids()
    {
        var client = await app.SignedInClientAsync("org-district");
        var gridsBefore = await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Code.StartsWith("320591003005") && r.Level == RegionLevel.Grid));
        var version = (await FindAsync("320591003005"))!.Version;

        var response = await client.PostFormAsync("/Organization/Regions/Move/320591003005", new()
        {
            ["Input.NewParentCode"] = "320591002000",
            ["Input.NewCode"] = "320591002050",
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await FindAsync("320591003005")).ShouldBeNull();
        (await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Code.StartsWith("320591002050") && r.Level == RegionLevel.Grid))).ShouldBe(gridsBefore);
        (await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Code.StartsWith("320591003005")))).ShouldBe(0);
    }

    [Fact]
    public async Task Moving_a_grid_onto_a_street_is_refused()
    {
        var client = await app.SignedInClientAsync("org-district");
        var grid = ShequFactory.CommunityA + "001";
        var response = await client.PostFormAsync($"/Organization/Regions/Move/{grid}", new()
        {
            ["Input.NewParentCode"] = ShequFactory.StreetA,
            ["Input.NewCode"] = "320591001001001",
            ["Input.Version"] = (await FindAsync(grid))!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        (await response.Content.ReadAsStringAsync()).ShouldContain("网格只能直接挂在社区/村之下");
        (await FindAsync(grid)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_list_pages_and_searches_on_the_server()
    {
        var client = await app.SignedInClientAsync("org-district");
        var html = await client.GetStringAsync("/Organization/Regions?level=grid&p=2");
        html.ShouldContain("第 2/");
        html.ShouldContain("rel=\"next\"");

        var search = await client.GetStringAsync("/Organization/Regions?q=" + Uri.EscapeDataString("寒山"));
        search.ShouldContain("寒山社区");
        search.ShouldNotContain("湖滨社区");
    }

    [Fact]
    public async Task The_tree_opens_level_by_level()
    {
        var client = await app.SignedInClientAsync("org-district");
        var root = await client.GetStringAsync("/Organization/Tree");
        root.ShouldContain("明湖区");
        root.ShouldNotContain("湖滨社区");

        var streets = await client.GetStringAsync("/Organization/Tree?handler=Children&code=320591");
        streets.ShouldContain("湖滨街道");
        streets.ShouldContain("望亭镇");
        streets.ShouldNotContain("<html");
    }

    [Fact]
    public async Task The_english_switch_changes_the_interface_language()
    {
        var client = await app.SignedInClientAsync("org-district");
        var chinese = await client.GetStringAsync("/");
        chinese.ShouldContain("组织架构");
        chinese.ShouldContain("区级管理员");

        var response = await client.PostFormAsync("/Culture", new() { ["culture"] = "en", ["returnUrl"] = "/" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var english = await client.GetStringAsync("/");
        english.ShouldContain("Organisation");
        english.ShouldContain("District administrator");
        english.ShouldContain("lang=\"en\"");
        english.ShouldContain("Sign out");
    }

    [Fact]
    public async Task The_dashboard_counts_the_demo_district()
    {
        var client = await app.SignedInClientAsync("org-district");
        var html = await client.GetStringAsync("/");
        html.ShouldContain("dashboard-data");
        html.ShouldContain("\"halls\"");
        html.ShouldContain("湖滨街道");
    }

    [Fact]
    public async Task The_dashboard_counts_each_communitys_residents_households_and_services_this_month()
    {
        var expected = await app.WithDbAsync(async (db, _) =>
        {
            var monthStart = new DateTime(DateTime.Now.Year, DateTime.Now.Month, 1);
            return (
                Residents: await db.Residents.IgnoreQueryFilters().CountAsync(r => r.RegionCode.StartsWith(ShequFactory.CommunityA) && (r.Status == ResidentStatus.Living || r.Status == ResidentStatus.TemporarilyAway)),
                Households: await db.Households.IgnoreQueryFilters().CountAsync(h => h.RegionCode.StartsWith(ShequFactory.CommunityA) && h.Status == HouseholdStatus.Living),
                Services: await db.ServiceRecords.IgnoreQueryFilters().CountAsync(r => r.RegionCode.StartsWith(ShequFactory.CommunityA) && r.OccurredAt >= monthStart));
        });
        expected.Residents.ShouldBeGreaterThan(0, "the demo district has residents in community A");

        var html = await (await app.SignedInClientAsync("org-street")).GetStringAsync("/");

        var row = System.Text.RegularExpressions.Regex.Match(html, $@"Details/{ShequFactory.CommunityA}"">[^<]+</a></td>(?:<td>\d+</td>){{5}}<td data-testid=""area-residents"">(\d+)</td><td>(\d+)</td><td>(\d+)</td>");
        row.Success.ShouldBeTrue("the street admin sees a row per community with the people and work figures");
        (int.Parse(row.Groups[1].Value), int.Parse(row.Groups[2].Value), int.Parse(row.Groups[3].Value)).ShouldBe(expected);
        html.ShouldContain("每分钟更新");
    }
}
