using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>
/// Issue 14, part 5: slips reach the household they were drawn for. The distribution list names each envelope's
/// household and address, prints once and then forgets which code went to whom; handing out is recorded per
/// household; the campaign page shows each worker's response once it closes.
/// </summary>
public class DistributionTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task The_distribution_list_names_each_household_prints_once_and_then_no_stored_link_remains()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        var drawn = await app.WithDbAsync((db, _) => db.SampledHouseholds.Where(s => s.CampaignId == campaign).Select(s => s.HouseholdId).ToListAsync());
        var (householder, address) = await app.WithDbAsync(async (db, sp) =>
        {
            var h = await db.Households.IgnoreQueryFilters().SingleAsync(x => x.Id == drawn[0]);
            var head = await db.Residents.IgnoreQueryFilters().Where(r => r.HouseholdId == h.Id).OrderBy(r => r.Relation).Select(r => r.Name).FirstAsync();
            return (head, h.Address(sp.GetRequiredService<IPersonalDataSealer>()).ToString());
        });

        await app.CreateUserAsync("dist-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var staff = await app.SignedInClientAsync("dist-street");
        var page = $"/Assessment/Campaigns/Slips/{campaign}";
        var before = await staff.GetStringAsync(page);
        before.ShouldContain("只能打印一次");
        before.ShouldNotContain(address, Case.Sensitive, "nothing is shown until the one print");

        var printed = await staff.PostFormAsync(page, []);
        printed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sheet = await printed.Content.ReadAsStringAsync();
        sheet.ShouldContain(address);
        sheet.ShouldContain(householder);
        sheet.ShouldContain("data-testid=\"slip-code\"");

        var again = await staff.PostFormAsync(page, []);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("只能打印一次");
        var api = await app.BearerClientAsync("dist-street-api", Roles.StreetAdmin, ShequFactory.StreetA);
        (await api.PostAsync($"/api/v1/assessment/campaigns/{campaign}/distribution", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the API export is the same single print");
        (await staff.GetStringAsync(page)).ShouldContain("评议码与住户的对应已经删除");

        // With the application's own keys: no invitation says any more which household it was for.
        var households = await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<IPersonalDataSealer>();
            var invitations = await db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.CampaignId == campaign && i.Sealed != null).ToListAsync();
            return invitations.Select(i => i.Open(sealer) ? i.HouseholdId : -1).Distinct().ToList();
        });
        households.ShouldBe([0], "every sealed invitation keeps its subjects and has forgotten its household");

        // A slip still works once handed out.
        var slips = await helper.SlipsAsync(campaign);
        await helper.RememberSubjectsAsync(slips.Take(1));
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slips[0], slips[0].Token, _ => ("良", null)))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

}

/// <summary>Issue 14, part 5 (own database: this one closes the campaign the other prints).</summary>
public class HandoutTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Handing_out_is_recorded_per_household_and_each_worker_s_response_shows_after_closing()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        var drawn = await app.WithDbAsync((db, _) => db.SampledHouseholds.Where(s => s.CampaignId == campaign).OrderBy(s => s.HouseholdId).Select(s => s.HouseholdId).ToListAsync());
        await app.CreateUserAsync("hand-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var staff = await app.SignedInClientAsync("hand-street");
        var page = $"/Assessment/Campaigns/Handout/{campaign}";
        (await staff.GetStringAsync(page)).ShouldContain($"未派发 {drawn.Count} 户");
        (await staff.PostFormAsync(page, new()
        {
            [$"statuses[{drawn[0]}]"] = "Delivered", [$"statuses[{drawn[1]}]"] = "NotAtHome", [$"statuses[{drawn[2]}]"] = "Refused", ["statuses[999999]"] = "Delivered",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await app.WithDbAsync((db, _) => db.SampledHouseholds.Where(s => s.CampaignId == campaign).ToDictionaryAsync(s => s.HouseholdId, s => (s.Handout, s.HandoutOn)));
        rows[drawn[0]].Handout.ShouldBe(Handout.Delivered);
        rows[drawn[1]].Handout.ShouldBe(Handout.NotAtHome);
        rows[drawn[2]].Handout.ShouldBe(Handout.Refused);
        rows[drawn[0]].HandoutOn.ShouldBe(DateOnly.FromDateTime(DateTime.Today), "a day, no time");
        rows.Keys.ShouldNotContain(999999, "only the campaign's own households");
        (await staff.GetStringAsync(page)).ShouldContain($"已送达 1 户，不在家 1 户，拒收 1 户，未派发 {drawn.Count - 3} 户");

        await app.CreateUserAsync("hand-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        var outsider = await app.SignedInClientAsync("hand-street-b");
        (await outsider.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var details = $"/Assessment/Campaigns/Details/{campaign}";
        (await staff.GetStringAsync(details)).ShouldNotContain("data-testid=\"responses\"", Case.Sensitive, "ballots are sealed while the campaign runs");
        (await staff.PostFormAsync(details + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await staff.GetStringAsync(details);
        shown.ShouldContain("data-testid=\"responses\"");
        shown.ShouldContain("回收率");
    }
}
