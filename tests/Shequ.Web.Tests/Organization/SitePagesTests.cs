using System.Net;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Organization;

public class SitePagesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "site-street")))
        {
            await app.CreateUserAsync("site-street", Roles.StreetAdmin, ShequFactory.StreetA);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_demo_district_has_the_essays_hall_figures_and_a_station_per_street()
    {
        var halls = await app.WithDbAsync((db, _) => db.ServiceSites.Where(s => s.Kind == ServiceSiteKind.ServiceHall)
            .GroupBy(s => s.HallStatus).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        halls.Single(h => h.Key == HallStatus.NewlyBuilt).Count.ShouldBe(12);
        halls.Single(h => h.Key == HallStatus.Renovated).Count.ShouldBe(13);
        halls.Single(h => h.Key == HallStatus.LacksPremises).Count.ShouldBe(3);
        var stations = await app.WithDbAsync((db, _) => db.ServiceSites.Include(s => s.ServedCommunities).Where(s => s.Kind == ServiceSiteKind.WorkStation).ToListAsync());
        stations.Count.ShouldBe(5);
        stations.ShouldAllBe(s => s.ServedCommunities.Count >= 4 && s.ServedCommunities.Count <= 6);
    }

    [Fact]
    public async Task A_service_point_is_added_to_a_community()
    {
        var client = await app.SignedInClientAsync("site-street");
        var response = await client.PostFormAsync("/Organization/Sites/Create", new()
        {
            ["Input.Kind"] = nameof(ServiceSiteKind.ServicePoint),
            ["Input.RegionCode"] = ShequFactory.CommunityA2,
            ["Input.Name"] = "柳岸社区金融知识窗口",
            ["Input.OpeningHours"] = "周二、周四 9:00–11:30",
            ["Input.ContactPerson"] = "沈慧敏",
            ["Input.ContactPhone"] = "0512-65201234",
            ["Input.PointType"] = nameof(ServicePointType.Simple),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var site = await app.WithDbAsync((db, _) => db.ServiceSites.SingleAsync(s => s.Name == "柳岸社区金融知识窗口"));
        site.PointType.ShouldBe(ServicePointType.Simple);
    }

    [Fact]
    public async Task A_work_station_serving_three_communities_is_refused_with_the_rule()
    {
        var client = await app.SignedInClientAsync("site-street");
        var response = await client.PostFormAsync("/Organization/Sites/Create", new()
        {
            ["Input.Kind"] = nameof(ServiceSiteKind.WorkStation),
            ["Input.RegionCode"] = ShequFactory.StreetA,
            ["Input.Name"] = "湖滨第二工作站",
            ["Input.ServedCommunityCodes"] = "320591001001, 320591001002，320591001003",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("社区工作站服务 4–6 个社区");
        (await app.WithDbAsync((db, _) => db.ServiceSites.AnyAsync(s => s.Name == "湖滨第二工作站"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_site_in_another_street_is_not_found()
    {
        var otherId = await app.WithDbAsync((db, _) => db.ServiceSites.Where(s => s.Region.Code == ShequFactory.CommunityB).Select(s => s.Id).FirstAsync());
        var client = await app.SignedInClientAsync("site-street");
        (await client.GetAsync($"/Organization/Sites/Edit/{otherId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await client.GetStringAsync("/Organization/Sites");
        list.ShouldNotContain("双塔");
    }
}
