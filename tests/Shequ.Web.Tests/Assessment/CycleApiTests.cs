using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>Issue 14, part 7: the whole cycle after the campaign over /api/v1/assessment, with scope and idempotency.</summary>
public class CycleApiTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Close_review_publish_appeal_decide_freeze_and_adopt_pay_over_the_api()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        var slips = (await helper.SlipsAsync(campaign)).Take(4).ToList();
        await helper.RememberSubjectsAsync(slips);
        foreach (var slip in slips)
        {
            (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("差", "约好的时间没有上门")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var period = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == campaign).Select(c => c.PeriodId).SingleAsync());
        var root = $"/api/v1/assessment/periods/{period}";
        var district = await app.BearerClientAsync("cycle-district", Roles.DistrictAdmin, "320591");
        var street = await app.BearerClientAsync("cycle-street", Roles.StreetAdmin, ShequFactory.StreetA);

        (await street.PostAsync(root + "/close", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a district's period is the district's to close");
        HttpRequestMessage Keyed(string url, object? body, string key)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
            m.Headers.Add("Idempotency-Key", key);
            return m;
        }

        var closed = await district.SendAsync(Keyed(root + "/close", null, "close-1"));
        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var retried = await district.SendAsync(Keyed(root + "/close", null, "close-1"));
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, "a retry with the same key gets the first answer, not 'already closed'");
        (await retried.Content.ReadAsStringAsync()).ShouldBe(await closed.Content.ReadAsStringAsync());
        (await district.PostAsync(root + "/close", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "without the key it is a second close");

        var notChecked = await district.PostAsJsonAsync(root + "/publication", new { objectionDays = 3 });
        notChecked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notChecked.Content.ReadAsStringAsync()).ShouldContain("没有核实");
        var review = JsonDocument.Parse(await street.GetStringAsync($"/api/v1/assessment/campaigns/{campaign}/review")).RootElement;
        var reasons = review.GetProperty("reasonsToCheck").EnumerateArray().Select(r => r.GetProperty("evaluationId").GetGuid()).ToList();
        reasons.Count.ShouldBe(slips.Sum(s => CampaignHelper.SubjectsOf(s).Count));
        foreach (var reason in reasons)
        {
            (await street.PostAsJsonAsync($"/api/v1/assessment/campaigns/{campaign}/reasons/{reason}", new { isTrue = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await district.PostAsJsonAsync(root + "/publication", new { objectionDays = 3 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await district.GetStringAsync(root)).RootElement.GetProperty("results").GetString().ShouldBe("Published");

        // A worker appeals their own result; others in scope read it, a street outside does not.
        var worker = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Where(w => w.StaffUserId == null && w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => w.Id).FirstAsync());
        var account = await app.CreateUserAsync("cycle-worker", Roles.SocialWorker, ShequFactory.CommunityA);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Workers.IgnoreQueryFilters().SingleAsync(w => w.Id == worker)).LinkAccount(account.Id);
            return await db.SaveChangesAsync();
        });
        var self = await app.BearerClientAsync("cycle-worker");
        (await district.PostAsJsonAsync(root + "/appeals", new { text = "我不是工作者" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var filed = await self.PostAsJsonAsync(root + "/appeals", new { text = "有两份评议来自我没有服务过的住户" });
        filed.StatusCode.ShouldBe(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var appeal = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var outsider = await app.BearerClientAsync("cycle-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        (await outsider.GetAsync($"/api/v1/assessment/appeals/{appeal}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await street.PostAsJsonAsync($"/api/v1/assessment/appeals/{appeal}/decision", new { upheld = false, note = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await district.PostAsJsonAsync($"/api/v1/assessment/appeals/{appeal}/decision", new { upheld = false })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a decision gives its reason");
        (await district.PostAsJsonAsync($"/api/v1/assessment/appeals/{appeal}/decision", new { upheld = false, note = "经核实，两户均在服务记录中" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await district.GetStringAsync(root + "/appeals")).RootElement.EnumerateArray().Single().GetProperty("decision").GetString().ShouldBe("Rejected");
        (await district.PostAsJsonAsync(root + "/corrections", new { note = "复核" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "nothing moved: nothing to correct");

        (await district.PostAsync(root + "/freeze", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the window is still open");
        await app.WithDbAsync(async (db, _) => await db.AssessmentPeriods.Where(p => p.Id == period)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ObjectionsUntil, DateOnly.FromDateTime(DateTime.Today).AddDays(-1))));
        (await district.PostAsync(root + "/freeze", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await street.PostAsJsonAsync($"/api/v1/assessment/campaigns/{campaign}/reasons/{reasons[0]}", new { isTrue = false });
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.Content.ReadAsStringAsync()).ShouldContain("已定档");

        (await district.GetAsync(root + "/pay?share=20&rule=ShareOfIncome&spread=60")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "outside the limits: refused, not capped");
        var whatIf = JsonDocument.Parse(await district.GetStringAsync(root + "/pay?share=20&rule=ShareOfAssessmentPay&spread=40")).RootElement;
        whatIf.GetProperty("spread").GetDecimal().ShouldBe(40m, "percentages in, percentages out");
        (await street.PostAsJsonAsync(root + "/pay-adoption", new { share = 20, spread = 40, note = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var adopted = await district.SendAsync(Keyed(root + "/pay-adoption", new { share = 20, rule = "ShareOfAssessmentPay", spread = 40, unscored = "AsLowest", note = "区考核办〔2026〕7号" }, "adopt-1"));
        adopted.StatusCode.ShouldBe(HttpStatusCode.Created, await adopted.Content.ReadAsStringAsync());
        (await district.SendAsync(Keyed(root + "/pay-adoption", new { share = 20, rule = "ShareOfAssessmentPay", spread = 40, unscored = "AsLowest", note = "区考核办〔2026〕7号" }, "adopt-1")))
            .StatusCode.ShouldBe(HttpStatusCode.Created, "the retry replays the adoption");
        (await district.PostAsJsonAsync(root + "/pay-adoption", new { share = 25, spread = 30, note = "再定" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "once per district and year");
        (await app.WithDbAsync((db, _) => db.PayAdoptions.IgnoreQueryFilters().CountAsync())).ShouldBe(1);
        JsonDocument.Parse(await street.GetStringAsync(root + "/pay-adoption")).RootElement.GetProperty("pay").GetProperty("share").GetDecimal().ShouldBe(20m);
    }
}
