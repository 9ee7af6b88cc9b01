using System.Net;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>Issue 14, parts 4 and 8: pay settings in percentages with stated limits, and a setting adopted for the year on frozen results.</summary>
public class PayAdoptionTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private const int Year = 2025;

    [Fact]
    public async Task A_setting_is_adopted_once_on_frozen_results_stored_per_worker_exported_for_finance_and_shown_on_the_worker_page()
    {
        var workers = await app.WithDbAsync(async (db, _) =>
        {
            var list = await db.Workers.IgnoreQueryFilters().Include(w => w.Pay).Where(w => w.RegionCode.StartsWith("320591")).OrderBy(w => w.Id).Take(3).ToListAsync();
            list.ForEach(w => w.SetPay(Year, 2_500, 300, 200));
            await db.SaveChangesAsync();
            return list.Select(w => (w.Id, w.Name)).ToList();
        });
        workers.Count.ShouldBe(3);
        var (frozen, open) = await app.WithDbAsync(async (db, _) =>
        {
            var today = DateOnly.FromDateTime(DateTime.Today);
            var q = AssessmentPeriod.For("320591", Year, 4);
            q.Close(q.EndsOn);
            decimal?[] totals = [90m, 70m, null];
            q.Publicize(today.AddDays(-10), 3, ScoreBoard.WriteSnapshot(workers.Select((w, i) => new WorkerScore(w.Id, w.Name, "湖滨社区",
                new EvaluationSummary(3, 3, 0, 0, totals[i] is null ? 2 : 6, 0, 8, totals[i]) { Withheld = totals[i] is null },
                new ScoreCard(w.Id, new Dictionary<Indicator, decimal?>(), totals[i]), null, null))));
            q.Freeze(today, 0);
            var q3 = AssessmentPeriod.For("320591", Year, 3);
            db.AssessmentPeriods.AddRange(q, q3);
            await db.SaveChangesAsync();
            return (q.Id, q3.Id);
        });

        await app.CreateUserAsync("adopt-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("adopt-district");
        var page = $"/Assessment/Pay/{frozen}";
        var shown = await admin.GetStringAsync(page + "?shareA=20&spreadA=40&ruleA=ShareOfAssessmentPay");
        shown.ShouldContain("按年收入计为 20%–30%", Case.Sensitive, "the limits are stated on the page");
        (await admin.GetStringAsync(page + "?ruleB=ShareOfIncome&spreadB=60")).ShouldContain("按年收入计的差距应在 20% 到 30% 之间", Case.Sensitive, "refused, not capped");

        var whatIf = await ExcelRowsAsync(admin, page + "?handler=Export&shareA=20&spreadA=40");
        decimal PayA(int i) => Convert.ToDecimal(whatIf.Single(r => (string?)r["姓名"] == workers[i].Name)["方案甲"], System.Globalization.CultureInfo.InvariantCulture);
        PayA(2).ShouldBe(PayA(1), "without a score: paid as the lowest scored worker, not the average");
        (PayA(0) - PayA(1)).ShouldBe(Math.Round(3_000m * 12 / 0.8m * 0.2m * 0.4m), "the gap is 40% of the average assessment pay");

        await app.CreateUserAsync("adopt-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var street = await app.SignedInClientAsync("adopt-street");
        (await street.PostFormAsync(page + "?handler=Adopt", new() { ["which"] = "A", ["note"] = "街道办会议" })).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("AccessDenied");
        (await admin.PostFormAsync($"/Assessment/Pay/{open}?handler=Adopt", new() { ["which"] = "A", ["note"] = "太早" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "only frozen results are paid on");
        (await admin.PostFormAsync(page + "?handler=Adopt", new() { ["which"] = "A" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the basis is recorded");
        (await admin.PostFormAsync(page + "?handler=Adopt", new() { ["which"] = "A", ["shareA"] = "20", ["spreadA"] = "40", ["note"] = "区考核办〔2026〕3号" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await admin.PostFormAsync(page + "?handler=Adopt", new() { ["which"] = "B", ["note"] = "再定一次" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("已经确定");

        // Stored as settled: a later change to a worker's fixed pay does not move the adopted figures.
        var adopted = await ExcelRowsAsync(admin, page + "?handler=Adopted");
        await app.WithDbAsync(async (db, _) =>
        {
            var w = await db.Workers.IgnoreQueryFilters().Include(x => x.Pay).SingleAsync(x => x.Id == workers[0].Id);
            w.SetPay(Year, 9_000, 0, 0);
            return await db.SaveChangesAsync();
        });
        var later = await ExcelRowsAsync(admin, page + "?handler=Adopted");
        later.Select(r => r["考核绩效"]).ShouldBe(adopted.Select(r => r["考核绩效"]));
        later.Sum(r => Convert.ToDecimal(r["考核绩效"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(3 * 3_000m * 12 / 0.8m * 0.2m, "the pool is paid out exactly");

        var profile = await admin.GetStringAsync($"/Workforce/Workers/Details/{workers[0].Id}");
        profile.ShouldContain($"{Year} 年考核绩效 {PayA(0):N0} 元");
    }

    private static async Task<List<IDictionary<string, object?>>> ExcelRowsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return [.. MiniExcelLibs.MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>()];
    }
}
