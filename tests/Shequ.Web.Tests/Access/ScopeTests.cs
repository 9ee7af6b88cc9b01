using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Shequ.Domain.Access;
using Shequ.Web.Modules.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>Every account sees only its region's subtree; another region's record is a 404, never a 403.</summary>
public class ScopeTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => Task.FromResult(db.Users.Any(u => u.UserName == "scope-street-a"))))
        {
            await app.CreateUserAsync("scope-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
            await app.CreateUserAsync("scope-district", Roles.DistrictAdmin, "320591");
            await app.CreateUserAsync("scope-root", Roles.SystemAdmin, null);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_street_admin_gets_404_for_another_streets_community_while_the_district_admin_sees_both()
    {
        var street = await app.SignedInClientAsync("scope-street-a");
        var district = await app.SignedInClientAsync("scope-district");

        (await street.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await street.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await district.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await district.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_region_list_and_its_export_hold_only_the_callers_subtree()
    {
        var street = await app.SignedInClientAsync("scope-street-a");

        var html = await street.GetStringAsync("/Organization/Regions?level=community");
        html.ShouldContain(ShequFactory.CommunityA);
        html.ShouldNotContain(ShequFactory.CommunityB);

        var export = await street.GetAsync("/Organization/Regions?handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => ((string)r["代码"]).StartsWith("320591001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_the_api_a_street_admin_sees_its_street_and_nothing_beside_it()
    {
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("scope-street-a"));

        var own = await api.GetFromJsonAsync<List<RegionDto>>("/api/v1/regions");
        own.ShouldNotBeNull();
        own[0].Code.ShouldBe(ShequFactory.StreetA);
        own[0].Level.ShouldBe("street");
        own[0].ParentCode.ShouldBe("320591");
        own.Skip(1).ShouldAllBe(r => r.Level == "community" && r.ParentCode == ShequFactory.StreetA);
        own.Count.ShouldBe(7);

        (await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var outside = await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityB}");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        outside.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.GetAsync($"/api/v1/regions?parent={ShequFactory.StreetB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/regions/320591")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_district_admin_lists_the_district_and_its_streets_and_the_children_of_any_street()
    {
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("scope-district"));

        var top = await api.GetFromJsonAsync<List<RegionDto>>("/api/v1/regions");
        top.ShouldNotBeNull();
        top.Select(r => r.Code).ShouldBe(["320591", "320591001000", "320591002000", "320591003000", "320591100000", "320591101000"]);
        top[0].ParentCode.ShouldBeNull();

        var grids = await api.GetFromJsonAsync<List<RegionDto>>($"/api/v1/regions?parent={ShequFactory.CommunityB}");
        grids.ShouldNotBeNull();
        grids.ShouldNotBeEmpty();
        grids.ShouldAllBe(g => g.Level == "grid" && g.ParentCode == ShequFactory.CommunityB);
    }

    [Fact]
    public async Task A_system_admin_sees_every_district()
    {
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("scope-root"));
        var top = await api.GetFromJsonAsync<List<RegionDto>>("/api/v1/regions");
        top.ShouldNotBeNull();
        top[0].Code.ShouldBe("320591");
        (await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_without_credentials_or_with_a_bad_token_answers_401()
    {
        var anonymous = app.NewClient();
        (await anonymous.GetAsync("/api/v1/regions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "shq_not-a-real-token");
        (await anonymous.GetAsync("/api/v1/regions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
