using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Home;
using Shequ.Web.Tests.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Home;

/// <summary>The dashboard's people figures: counted once per scope, never waited for once there is something to show.</summary>
public class DashboardFiguresTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private static readonly string StreetScope = RegionCode.SubtreePrefix(RegionLevel.Street, ShequFactory.StreetA);
    private static readonly int CommunityDepth = RegionCode.SubtreePrefix(RegionLevel.Community, ShequFactory.CommunityA).Length;

    [Fact]
    public async Task Figures_older_than_a_minute_are_shown_at_once_while_a_recount_in_the_viewers_scope_replaces_them()
    {
        var figures = app.Services.GetRequiredService<AreaFigures>();
        var first = await figures.ForAsync(StreetScope, CommunityDepth, TestContext.Current.CancellationToken);
        first.ByArea.Keys.ShouldAllBe(area => area.StartsWith(StreetScope, StringComparison.Ordinal));
        var before = first.ByArea[ShequFactory.CommunityA].Residents;

        await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<IPersonalDataSealer>();
            var community = await db.Regions.SingleAsync(r => r.Code == ShequFactory.CommunityA);
            var household = Household.Register(community, new HouseholdAddress("看板楼", "1", "101", null), DwellingType.Apartment, sealer);
            db.Residents.Add(Resident.Register(household, "新来者", IdNumber.Compose("320583", new DateOnly(1977, 7, 7), 71), null, RelationToHead.Head, sealer));
            return await db.SaveChangesAsync();
        });

        var withinTheMinute = await figures.ForAsync(StreetScope, CommunityDepth, TestContext.Current.CancellationToken);
        withinTheMinute.ShouldBeSameAs(first);

        app.Clock.Advance(AreaFigures.Freshness + TimeSpan.FromSeconds(1));
        var stale = await figures.ForAsync(StreetScope, CommunityDepth, TestContext.Current.CancellationToken);
        stale.ShouldBeSameAs(first, "older figures are shown while the recount runs, not waited for");

        var fresh = stale;
        for (var attempt = 0; attempt < 400 && fresh.AsOfLocal == first.AsOfLocal; attempt++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
            fresh = await figures.ForAsync(StreetScope, CommunityDepth, TestContext.Current.CancellationToken);
        }

        fresh.AsOfLocal.ShouldBeGreaterThan(first.AsOfLocal);
        fresh.ByArea[ShequFactory.CommunityA].Residents.ShouldBe(before + 1);
        fresh.ByArea.Keys.ShouldAllBe(area => area.StartsWith(StreetScope, StringComparison.Ordinal), "the recount outlives the request yet keeps the viewer's scope");
    }
}
