using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>
/// Issue 14, part 3: from publication on the results are what was published — the page, the API and the export
/// agree, later changes to the data move nothing, a correction is the only way and shows as one, and a frozen
/// period takes no correction and no further review at all.
/// </summary>
public class SettledResultsTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Published_results_move_only_by_a_recorded_correction_and_frozen_ones_not_at_all()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        // Every slip, so the worker with the most lines has at least two (one found untrue while published, one after freezing).
        var slips = await helper.SlipsAsync(campaign);
        await helper.RememberSubjectsAsync(slips);
        foreach (var slip in slips)
        {
            (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("优", "每次都上门帮忙办理")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var period = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == campaign).Select(c => c.PeriodId).SingleAsync());
        var page = $"/Assessment/Scores/{period}";
        await app.CreateUserAsync("settled-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("settled-district");
        var api = await app.BearerClientAsync("settled-district-api", Roles.DistrictAdmin, "320591");
        (await admin.PostFormAsync(page + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var review = $"/Assessment/Campaigns/Review/{campaign}";
        var lines = await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == campaign).Select(e => new { e.Id, e.WorkerId }).ToListAsync());
        var target = lines.GroupBy(l => l.WorkerId).OrderByDescending(g => g.Count()).First();
        target.Count().ShouldBeGreaterThanOrEqualTo(2);
        foreach (var line in lines.Where(l => l.WorkerId != target.Key))
        {
            (await admin.PostFormAsync(review + "?handler=Reason", new() { ["evaluation"] = line.Id.ToString(), ["isTrue"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3", ["acceptUnchecked"] = "目标工作者的理由在公示期内另行核实" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = await ValidOfAsync(api, period, target.Key);
        published.ShouldBe(target.Count());

        // After publication a reason is found untrue: the data changes, the published results do not.
        var untrue = target.First().Id;
        (await admin.PostFormAsync(review + "?handler=Reason", new() { ["evaluation"] = untrue.ToString(), ["isTrue"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ValidOfAsync(api, period, target.Key)).ShouldBe(published, "the API reads the published results, not the changed data");
        (await ExportedValidAsync(admin, period, target.Key)).ShouldBe(published, "so does the export");

        // Only a correction with a reason moves them, and it is shown.
        (await admin.PostFormAsync(page + "?handler=Correct", new() { ["note"] = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostFormAsync(page + "?handler=Correct", new() { ["note"] = "核实发现一条“优”的理由不实" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ValidOfAsync(api, period, target.Key)).ShouldBe(published - 1);
        var correction = await app.WithDbAsync((db, _) => db.ResultCorrections.IgnoreQueryFilters().SingleAsync(c => c.PeriodId == period && c.WorkerId == target.Key));
        (correction.ValidBefore, correction.ValidAfter).ShouldBe((published, published - 1));
        var shown = await admin.GetStringAsync(page);
        shown.ShouldContain("更正记录");
        shown.ShouldContain("核实发现一条“优”的理由不实");
        (await admin.PostFormAsync(page + "?handler=Correct", new() { ["note"] = "再算一次" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "nothing changed since: no correction to record");

        await app.WithDbAsync(async (db, _) => await db.AssessmentPeriods.Where(p => p.Id == period)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ObjectionsUntil, DateOnly.FromDateTime(DateTime.Today).AddDays(-1))));
        (await admin.PostFormAsync(page + "?handler=Freeze", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var frozen = published - 1;

        // Frozen: further review is refused, data edited behind the page's back moves nothing.
        var refused = await admin.PostFormAsync(review + "?handler=Reason", new() { ["evaluation"] = target.Skip(1).First().Id.ToString(), ["isTrue"] = "false" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("已定档");
        await app.WithDbAsync(async (db, _) => await db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == campaign && e.WorkerId == target.Key)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ReasonCheck, ReasonCheck.Untrue)));
        (await ValidOfAsync(api, period, target.Key)).ShouldBe(frozen);
        (await ExportedValidAsync(admin, period, target.Key)).ShouldBe(frozen);
        (await admin.PostFormAsync(page + "?handler=Correct", new() { ["note"] = "定档后再改" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetStringAsync(page)).ShouldContain("已定档的结果");
    }

    private static async Task<int> ValidOfAsync(HttpClient api, int period, int worker)
    {
        var rows = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/assessment/periods/{period}/scores")).RootElement;
        return rows.EnumerateArray().Single(r => r.GetProperty("workerId").GetInt32() == worker).GetProperty("valid").GetInt32();
    }

    private async Task<int> ExportedValidAsync(HttpClient admin, int period, int worker)
    {
        var name = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Where(w => w.Id == worker).Select(w => w.Name).SingleAsync());
        await using var file = await admin.GetStreamAsync($"/Assessment/Scores/{period}?handler=Export");
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        copy.Position = 0;
        var row = MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single(r => (string?)r["姓名"] == name);
        return Convert.ToInt32(row["有效"], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Issue 14, part 8: a year is built from its frozen quarters, and what it published stays put.</summary>
public class AnnualResultsTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task The_year_takes_its_frozen_quarters_and_a_quarter_frozen_after_the_year_was_published_does_not_move_it()
    {
        var worker = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Where(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => new { w.Id, w.Name }).FirstAsync());
        await FrozenQuarterAsync(2025, 1, worker.Id, worker.Name, 80m);
        await FrozenQuarterAsync(2025, 2, worker.Id, worker.Name, 90m);
        var open = await app.WithDbAsync(async (db, _) =>
        {
            var p = AssessmentPeriod.For("320591", 2025, 3);
            db.AssessmentPeriods.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var year = await app.WithDbAsync(async (db, _) =>
        {
            var p = AssessmentPeriod.For("320591", 2025, null);
            db.AssessmentPeriods.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });

        var api = await app.BearerClientAsync("annual-district", Roles.DistrictAdmin, "320591");
        async Task<JsonElement> LineAsync() => JsonDocument.Parse(await api.GetStringAsync($"/api/v1/assessment/periods/{year}/scores")).RootElement
            .EnumerateArray().Single(r => r.GetProperty("workerId").GetInt32() == worker.Id);
        (await LineAsync()).GetProperty("total").GetDecimal().ShouldBe(85m, "the mean of Q1 80 and Q2 90; the open Q3 does not count");

        await app.CreateUserAsync("annual-district-page", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("annual-district-page");
        var page = $"/Assessment/Scores/{year}";
        (await admin.GetStringAsync(page)).ShouldContain("第2季度");
        (await admin.PostFormAsync(page + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Q3 is frozen after the year was published: the year's published results do not move.
        await app.WithDbAsync(async (db, _) =>
        {
            var q3 = await db.AssessmentPeriods.IgnoreQueryFilters().SingleAsync(p => p.Id == open);
            Freeze(q3, worker.Id, worker.Name, 20m);
            return await db.SaveChangesAsync();
        });
        (await LineAsync()).GetProperty("total").GetDecimal().ShouldBe(85m);
        var campaign = await api.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId = year, region = ShequFactory.StreetA });
        campaign.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no campaign runs in a year");
    }

    private Task<int> FrozenQuarterAsync(int year, int quarter, int workerId, string name, decimal total) => app.WithDbAsync(async (db, _) =>
    {
        var p = AssessmentPeriod.For("320591", year, quarter);
        Freeze(p, workerId, name, total);
        db.AssessmentPeriods.Add(p);
        return await db.SaveChangesAsync();
    });

    private static void Freeze(AssessmentPeriod p, int workerId, string name, decimal total)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        p.Close(p.EndsOn);
        var line = new Shequ.Web.Modules.Assessment.WorkerScore(workerId, name, "湖滨社区", new EvaluationSummary(4, 2, 0, 0, 6, 1, 8, total),
            new ScoreCard(workerId, new Dictionary<Indicator, decimal?> { [Indicator.ResidentEvaluation] = total }, total), 1, 1);
        p.Publicize(today.AddDays(-10), 3, Shequ.Web.Modules.Assessment.ScoreBoard.WriteSnapshot([line]));
        p.Freeze(today, 0);
    }
}

/// <summary>Issue 14, part 9: 公示 on a public page per community, from the stored results only.</summary>
public class PublicResultsTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_community_shows_its_workers_published_results_to_anyone_and_nothing_unpublished_or_per_ballot()
    {
        var mine = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().Where(w => w.Assignments.Any(a => a.RegionCode.StartsWith(ShequFactory.CommunityA)))
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).FirstAsync());
        var theirs = await app.WithDbAsync((db, _) => db.Workers.IgnoreQueryFilters().AsNoTracking().Where(w => w.Assignments.Any() && !w.Assignments.Any(a => a.RegionCode.StartsWith(ShequFactory.CommunityA)))
            .OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, Community = w.Assignments.Select(a => a.RegionCode).First().Substring(0, 12) }).FirstAsync());
        var workers = new[] { (mine.Id, mine.Name), (theirs.Id, theirs.Name) };
        await app.WithDbAsync(async (db, _) =>
        {
            var today = DateOnly.FromDateTime(DateTime.Today);
            ScoreCard Card(int id, decimal? total) => new(id, new Dictionary<Indicator, decimal?> { [Indicator.ResidentEvaluation] = total is null ? null : 93.5m }, total);
            var published = AssessmentPeriod.For("320591", 2024, 2);
            published.Close(published.EndsOn);
            published.Publicize(today, 5, Shequ.Web.Modules.Assessment.ScoreBoard.WriteSnapshot([
                new(mine.Id, mine.Name, "湖滨社区", new EvaluationSummary(7, 2, 1, 0, 10, 1, 12, 93.5m), Card(mine.Id, 88.25m), 1, 3),
                new(theirs.Id, theirs.Name, "其他社区", new EvaluationSummary(6, 4, 0, 0, 10, 0, 10, 92m), Card(theirs.Id, 77.5m), 1, 4),
            ]));
            var frozen = AssessmentPeriod.For("320591", 2024, 1);
            frozen.Close(frozen.EndsOn);
            frozen.Publicize(today.AddDays(-9), 3, Shequ.Web.Modules.Assessment.ScoreBoard.WriteSnapshot([
                new(mine.Id, mine.Name, "湖滨社区", new EvaluationSummary(0, 0, 0, 0, 3, 0, 9, null) { Withheld = true }, Card(mine.Id, null), null, null),
            ]));
            frozen.Freeze(today, 0);
            var closed = AssessmentPeriod.For("320591", 2024, 3);
            closed.Close(closed.EndsOn);
            db.AssessmentPeriods.AddRange(published, frozen, closed);
            return await db.SaveChangesAsync();
        });

        var stranger = app.NewClient();
        var page = await stranger.GetAsync($"/gongshi/{ShequFactory.CommunityA}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "no sign-in");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("2024年第2季度");
        html.ShouldContain("2024年第1季度");
        html.ShouldContain(workers[0].Name);
        html.ShouldNotContain(workers[1].Name, Case.Sensitive, "only the community's own workers");
        html.ShouldContain("88.25");
        html.ShouldContain("评议不足，不出分");
        html.ShouldNotContain("2024年第3季度", Case.Sensitive, "a period not yet published is not shown");
        html.ShouldNotContain("93.5", Case.Sensitive, "the resident-evaluation score alone is not published, only the total");
        html.ShouldNotContain("优/良/中/差");

        (await stranger.GetAsync("/gongshi/320591999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var other = await stranger.GetStringAsync($"/gongshi/{theirs.Community}");
        other.ShouldContain(workers[1].Name);
        other.ShouldNotContain(workers[0].Name, Case.Sensitive, "another community lists its own workers");
        (await stranger.GetStringAsync("/gongshi")).ShouldContain($"/gongshi/{ShequFactory.CommunityA}");
    }
}

/// <summary>Issue 14, part 4: working days follow the holiday calendar, national by default and set per year.</summary>
public class HolidayCalendarTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task The_work_log_rate_counts_the_calendar_s_working_days_and_follows_a_year_s_own_setting()
    {
        var q4 = new DateOnly(2025, 10, 1);
        var national = Shequ.Domain.Common.NationalHolidays.CalendarOf(2025);
        var (worker, period) = await app.WithDbAsync(async (db, _) =>
        {
            var w = await db.Workers.IgnoreQueryFilters().Include(x => x.Assignments).FirstAsync(x => x.Assignments.Any(a => a.RegionCode.StartsWith(ShequFactory.CommunityA)));
            for (var d = q4; d <= new DateOnly(2025, 12, 31); d = d.AddDays(1))
            {
                if (national.IsWorkingDay(d))
                {
                    db.WorkLog.Add(Shequ.Domain.Workforce.WorkLogEntry.Record(w, d, d, Shequ.Domain.Workforce.WorkCategory.Records, 60, "整理台账", []));
                }
            }

            var p = AssessmentPeriod.For("320591", 2025, 4);
            db.AssessmentPeriods.Add(p);
            await db.SaveChangesAsync();
            return (w.Id, p.Id);
        });

        var api = await app.BearerClientAsync("calendar-district-api", Roles.DistrictAdmin, "320591");
        async Task<decimal> WorkLogRateAsync() => JsonDocument.Parse(await api.GetStringAsync($"/api/v1/assessment/periods/{period}/scores")).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("workerId").GetInt32() == worker).GetProperty("indicators").GetProperty("WorkLogCompleteness").GetDecimal();
        (await WorkLogRateAsync()).ShouldBe(100m, "a log on every national working day, holidays off and make-up Saturdays on");

        await app.CreateUserAsync("calendar-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("calendar-district");
        var page = await admin.GetStringAsync("/Assessment/Calendar?year=2025");
        page.ShouldContain("2025 年使用国家公布的安排");
        page.ShouldContain("2025-10-08");
        (await admin.PostFormAsync("/Assessment/Calendar?year=2025", new() { ["Holidays"] = "2025-10-32", ["MakeupDays"] = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostFormAsync("/Assessment/Calendar?year=2025", new() { ["Holidays"] = "", ["MakeupDays"] = "2025-10-15" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a Wednesday is no make-up day");

        // The year set to weekdays only: the six October holidays become working days nobody logged.
        (await admin.PostFormAsync("/Assessment/Calendar?year=2025", new() { ["Holidays"] = "", ["MakeupDays"] = "" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WorkLogRateAsync()).ShouldBeLessThan(100m);
        (await admin.GetStringAsync("/Assessment/Calendar?year=2025")).ShouldContain("2025 年已单独设置");

        await app.CreateUserAsync("calendar-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var street = await app.SignedInClientAsync("calendar-street");
        (await street.PostFormAsync("/Assessment/Calendar?year=2025", new() { ["Holidays"] = "", ["MakeupDays"] = "" })).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("AccessDenied");
    }
}
