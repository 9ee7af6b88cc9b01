using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>A campaign over street A started through the API, its slips, and ballots for them.</summary>
public sealed class CampaignHelper(ShequFactory app)
{
    /// <summary>A campaign over street A for the current quarter, started through the API once per database.</summary>
    public async Task<int> CampaignAsync()
    {
        var existing = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.CreatedBy == "eval-street-a").Select(c => (int?)c.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        var periodId = await CurrentQuarterAsync();
        var admin = await app.BearerClientAsync("eval-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var created = await admin.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId, region = ShequFactory.StreetA, perItem = 3, maxPerWorker = 12 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("invitations").GetInt32().ShouldBeGreaterThan(3);
        json.GetProperty("seed").GetInt64().ShouldBeGreaterThan(0, "the system drew a seed and shows it");
        return json.GetProperty("id").GetInt32();
    }

    /// <summary>The demo district's period for the current quarter, made if the database has none.</summary>
    public Task<int> CurrentQuarterAsync() => app.WithDbAsync(async (db, _) =>
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var quarter = ((today.Month - 1) / 3) + 1;
        var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Year == today.Year && p.Quarter == quarter);
        if (period is null)
        {
            period = AssessmentPeriod.For("320591", today.Year, quarter);
            db.AssessmentPeriods.Add(period);
            await db.SaveChangesAsync();
        }

        return period.Id;
    });

    public async Task<List<Slip>> SlipsAsync(int campaign) =>
        await app.WithDbAsync((_, sp) => sp.GetRequiredService<CampaignDesk>().SlipsAsync(campaign, default))
        ?? throw new InvalidOperationException("no slips");

    public static object Ballot(Slip slip, string token, Func<int, (string Grade, string? Reason)> grade) => new
    {
        token,
        grades = SubjectsOf(slip).Select((s, i) => new { workerId = s.WorkerId, itemId = s.ItemId, grade = grade(i).Grade, reason = grade(i).Reason }),
    };

    // Keyed by token: test classes run in parallel on databases of their own, whose invitation ids coincide.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<(int WorkerId, int ItemId)>> Subjects = [];

    public static List<(int WorkerId, int ItemId)> SubjectsOf(Slip slip) => Subjects[slip.Token];

    public async Task RememberSubjectsAsync(IEnumerable<Slip> slips)
    {
        var list = slips.ToList();
        var opened = await InvitationSubjectsAsync(null, list.Select(s => s.InvitationId));
        foreach (var slip in list)
        {
            Subjects[slip.Token] = opened[slip.InvitationId];
        }
    }

    /// <summary>Whom each still-sealed invitation asks about, opened as the app opens them.</summary>
    public Task<Dictionary<int, List<(int WorkerId, int ItemId)>>> InvitationSubjectsAsync(int? campaign, IEnumerable<int>? only = null)
    {
        var ids = only?.ToList();
        return app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();
            var invitations = await db.EvaluationInvitations.IgnoreQueryFilters().AsNoTracking()
                .Where(i => (campaign == null || i.CampaignId == campaign) && (ids == null || ids.Contains(i.Id))).ToListAsync();
            return invitations.Where(i => i.Open(sealer)).ToDictionary(i => i.Id, i => i.Subjects.Select(s => (s.WorkerId, s.ServiceItemId)).ToList());
        });
    }

    /// <summary>Writes the ballots received so far as evaluations, as closing the campaign does, and leaves it open.</summary>
    public Task<int> ReleaseAsync(int campaign) => app.WithDbAsync(async (db, sp) =>
    {
        var released = await sp.GetRequiredService<CampaignDesk>().ReleaseAsync(campaign, default);
        await db.SaveChangesAsync();
        return released;
    });
}

public class EvaluationTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private readonly CampaignHelper campaigns = new(app);

    [Fact]
    public async Task The_draw_is_verified_from_what_the_campaign_stored_and_a_frame_changed_by_one_household_is_caught()
    {
        var id = await campaigns.CampaignAsync();
        var admin = await app.BearerClientAsync("eval-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var verdict = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/assessment/campaigns/{id}/verify")).RootElement;
        verdict.GetProperty("matches").GetBoolean().ShouldBeTrue(verdict.GetProperty("verdict").GetString());
        verdict.GetProperty("verdict").GetString().ShouldBe("MATCH");

        var campaign = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.AsNoTracking().SingleAsync(c => c.Id == id));
        var drawn = campaign.Outcome.Split('\n').Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        (await app.WithDbAsync((db, _) => db.SampledHouseholds.Where(s => s.CampaignId == id).Select(s => s.HouseholdId).ToListAsync())).ToHashSet().SetEquals(drawn).ShouldBeTrue();

        // Someone edits the stored frame: one drawn household becomes another. Verification names the first difference.
        var lines = campaign.Frame.Split('\n').ToList();
        var asked = campaign.Outcome.Split('\n')[0].Split(','); // household, worker, item
        var victim = lines.FindIndex(l => l.Split(',') is var f && f[0] == asked[1] && f[1] == asked[2] && f[3] == asked[0]);
        var parts = lines[victim].Split(',');
        lines[victim] = string.Join(',', parts[0], parts[1], parts[2], "999999");
        await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Frame, string.Join('\n', lines))));
        try
        {
            var tampered = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/assessment/campaigns/{id}/verify")).RootElement;
            tampered.GetProperty("matches").GetBoolean().ShouldBeFalse();
            tampered.GetProperty("verdict").GetString().ShouldStartWith("DIFFERENT: 第 ");

            await app.CreateUserAsync("eval-district-verify", Roles.DistrictAdmin, "320591");
            var page = await (await app.SignedInClientAsync("eval-district-verify")).PostFormAsync($"/Assessment/Campaigns/Details/{id}?handler=Verify", []);
            (await page.Content.ReadAsStringAsync()).ShouldContain("核验不一致");
        }
        finally
        {
            await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Frame, campaign.Frame)));
        }
    }

    [Fact]
    public async Task A_seed_cannot_be_chosen_and_a_campaign_with_nothing_to_draw_is_refused_with_the_reason()
    {
        var admin = await app.BearerClientAsync("eval-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var periodId = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var seeded = await admin.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId, region = ShequFactory.StreetA, seed = 20261126 });
        seeded.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await seeded.Content.ReadAsStringAsync()).ShouldContain("不能指定");

        var empty = await app.WithDbAsync(async (db, _) =>
        {
            var next = AssessmentPeriod.For("320591", DateTime.Now.Year + 1, 1);
            db.AssessmentPeriods.Add(next);
            await db.SaveChangesAsync();
            return next.Id;
        });
        var nothing = await admin.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId = empty, region = ShequFactory.StreetA });
        nothing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nothing.Content.ReadAsStringAsync()).ShouldContain("没有可抽取的评议户");
    }

    [Fact]
    public async Task One_token_submitted_fifty_times_at_once_is_stored_exactly_once()
    {
        var campaign = await campaigns.CampaignAsync();
        var slip = (await campaigns.SlipsAsync(campaign))[0];
        await campaigns.RememberSubjectsAsync([slip]);
        var body = CampaignHelper.Ballot(slip, slip.Token, _ => ("良", null));
        Task<int> BallotsAsync() => app.WithDbAsync((db, _) => db.PendingBallots.CountAsync(p => p.CampaignId == campaign));
        var before = await BallotsAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", body)).StatusCode));
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}")));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(49);
        (await BallotsAsync()).ShouldBe(before + 1);
        var used = await app.WithDbAsync((db, _) => db.EvaluationInvitations.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.Id == slip.InvitationId));
        used.IsUsed.ShouldBeTrue();
        used.Sealed.ShouldBeNull("item D19: household and subjects are forgotten once the token is used");
    }

    [Fact]
    public async Task An_extreme_grade_without_a_reason_is_refused_and_an_expired_code_is_gone()
    {
        var campaign = await campaigns.CampaignAsync();
        var slips = await campaigns.SlipsAsync(campaign);
        await campaigns.RememberSubjectsAsync(slips.Skip(1).Take(2));
        var slip = slips[1];
        var noReason = await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("差", null)));
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("请写明理由");
        var badGrade = await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("A+", null)));
        badGrade.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.ShortCode.ToLowerInvariant(), _ => ("优", "每次上门都很耐心")))).StatusCode.ShouldBe(HttpStatusCode.Created, "the typed short code works in any case");

        var expired = slips[2];
        await app.WithDbAsync(async (db, _) => await db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.Id == expired.InvitationId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(expired, expired.Token, _ => ("良", null)))).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", new { token = "not-a-token-at-all", grades = Array.Empty<object>() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_extreme_grade_sent_without_a_reason_after_being_asked_is_kept_as_invalid()
    {
        var campaign = await campaigns.CampaignAsync();
        var slip = (await campaigns.SlipsAsync(campaign))[^2];
        await campaigns.RememberSubjectsAsync([slip]);
        var ballot = CampaignHelper.SubjectsOf(slip).Select(s => new { workerId = s.WorkerId, itemId = s.ItemId, grade = "差", reason = (string?)null }).ToList();
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", new { token = slip.Token, grades = ballot })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", new { token = slip.Token, grades = ballot, withoutReason = true })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await campaigns.ReleaseAsync(campaign);
        var stored = await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == campaign && e.Grade == Shequ.Domain.Common.Grade.Poor && e.Reason == null).ToListAsync());
        stored.Count.ShouldBeGreaterThanOrEqualTo(ballot.Count);
        stored.ShouldAllBe(e => e.Validity == EvaluationValidity.NoReason && !e.Counts, "kept as material, never counted");
    }

    [Fact]
    public async Task The_evaluation_table_cannot_link_a_grade_to_a_resident()
    {
        var columns = await app.WithDbAsync((db, _) => Task.FromResult(db.Model.FindEntityType(typeof(Evaluation))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList()));
        columns.ShouldBe(["BallotSeal", "CampaignId", "Grade", "Id", "Reason", "ReasonCheck", "ScreenedOut", "ScreeningNote", "ServiceItemId", "WorkerId"], "no household, token, time or ballot key in clear (ADR-011)");
        var idType = await app.WithDbAsync((db, _) => Task.FromResult(db.Model.FindEntityType(typeof(Evaluation))!.FindProperty(nameof(Evaluation.Id))!.ClrType));
        idType.ShouldBe(typeof(Guid), "a random key, not a sequence that orders submissions");
        var invitationColumns = await app.WithDbAsync((db, _) => Task.FromResult(db.Model.FindEntityType(typeof(EvaluationInvitation))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList()));
        invitationColumns.ShouldBe(["CampaignId", "ExpiresAtUtc", "Id", "IsUsed", "Sealed", "ShortCodeHash", "TokenHash"], "household and subjects only sealed, used without a time");
    }

    [Fact]
    public async Task The_resident_page_moves_the_token_into_a_cookie_and_takes_one_submit()
    {
        var campaign = await campaigns.CampaignAsync();
        var slips = await campaigns.SlipsAsync(campaign);
        var slip = slips[^1];
        await campaigns.RememberSubjectsAsync([slip]);
        var resident = app.NewClient();
        var open = await resident.GetAsync($"/e/{slip.Token}");
        open.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        open.Headers.Location!.OriginalString.ShouldBe("/e");
        var cookie = open.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Shequ.Web.Modules.Assessment.Open.EvaluateModel.Cookie, StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);

        var page = await resident.GetStringAsync("/e");
        page.ShouldContain(slip.Subjects[0].Worker);
        var fields = new Dictionary<string, string>();
        var subjects = CampaignHelper.SubjectsOf(slip);
        for (var i = 0; i < subjects.Count; i++)
        {
            fields[$"Grades[{i}].WorkerId"] = subjects[i].WorkerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Grades[{i}].ItemId"] = subjects[i].ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[$"Grades[{i}].Grade"] = "优";
        }

        var refused = await resident.PostFormAsync("/e", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var asked = await refused.Content.ReadAsStringAsync();
        asked.ShouldContain("请写明理由");
        asked.ShouldContain("不写理由，直接提交", Case.Sensitive, "asked once for a reason, the resident may still send without one (E2-5)");
        for (var i = 0; i < subjects.Count; i++)
        {
            fields[$"Grades[{i}].Reason"] = "随叫随到，办事认真";
        }

        var thanks = await resident.PostFormAsync("/e", fields);
        thanks.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await thanks.Content.ReadAsStringAsync()).ShouldContain("提交成功");

        var again = app.NewClient();
        await again.GetAsync($"/e/{slip.Token}");
        (await again.GetStringAsync("/e")).ShouldContain("已经提交过了");
    }

    [Fact]
    public async Task Invalid_evaluations_are_kept_but_not_counted_and_scores_stay_in_scope()
    {
        var campaign = await campaigns.CampaignAsync();
        var slips = await campaigns.SlipsAsync(campaign);
        var open = await campaigns.InvitationSubjectsAsync(campaign);
        var worker = open.Values.SelectMany(s => s).GroupBy(s => s.WorkerId).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
        var theirs = slips.Skip(3).Where(slip => open.TryGetValue(slip.InvitationId, out var subjects) && subjects.Any(s => s.WorkerId == worker)).ToList();

        await campaigns.RememberSubjectsAsync(theirs);
        foreach (var slip in theirs)
        {
            (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("差", "服务态度差")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await campaigns.ReleaseAsync(campaign);

        await app.WithDbAsync(async (db, _) =>
        {
            foreach (var e in await db.Evaluations.IgnoreQueryFilters().Where(e => e.WorkerId == worker && e.CampaignId == campaign).ToListAsync())
            {
                e.CheckReason(isTrue: false);
            }

            return await db.SaveChangesAsync();
        });

        var periodId = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == campaign).Select(c => c.PeriodId).SingleAsync());
        var admin = await app.BearerClientAsync("eval-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var scores = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/assessment/periods/{periodId}/scores")).RootElement;
        var row = scores.EnumerateArray().Single(r => r.GetProperty("workerId").GetInt32() == worker);
        row.GetProperty("total").ValueKind.ShouldBe(JsonValueKind.Null, "fewer than five valid evaluations: no score");
        foreach (var hidden in new[] { "excellent", "good", "fair", "poor", "invalid", "responseRate" })
        {
            row.GetProperty(hidden).ValueKind.ShouldBe(JsonValueKind.Null, $"below the minimum nothing about the grades is shown ({hidden})");
        }

        var kept = await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().Where(e => e.WorkerId == worker && e.CampaignId == campaign && e.Reason == "服务态度差").ToListAsync());
        kept.Count.ShouldBe(theirs.Count, "invalid evaluations are kept");
        kept.ShouldAllBe(e => e.Validity == EvaluationValidity.UntrueReason, "and do not count");

        var other = await app.BearerClientAsync("eval-staff-b", Roles.CommunityStaff, ShequFactory.CommunityB);
        var theirScores = JsonDocument.Parse(await other.GetStringAsync($"/api/v1/assessment/periods/{periodId}/scores")).RootElement;
        theirScores.EnumerateArray().ShouldNotContain(r => r.GetProperty("workerId").GetInt32() == worker);
        var streetB = await app.BearerClientAsync("eval-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        (await streetB.PostAsync($"/api/v1/assessment/campaigns/{campaign}/distribution", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_pay_what_if_keeps_the_pool_under_both_settings_and_exports_for_finance()
    {
        var campaign = await campaigns.CampaignAsync();
        var periodId = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == campaign).Select(c => c.PeriodId).SingleAsync());
        await app.CreateUserAsync("pay-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("pay-district");
        (await admin.GetAsync($"/Assessment/Pay/{periodId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var typo = await admin.GetStringAsync($"/Assessment/Pay/{periodId}?SpreadA=abc");
        typo.ShouldContain("“abc”不是有效的值", Case.Sensitive, "model binding speaks Chinese");
        typo.ShouldNotContain("is not valid");
        var export = await admin.GetAsync($"/Assessment/Pay/{periodId}?handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBeGreaterThan(1);
        decimal Col(IDictionary<string, object?> r, string name) => Convert.ToDecimal(r[name], System.Globalization.CultureInfo.InvariantCulture);
        var a = rows.Select(r => Col(r, "方案甲")).ToList();
        var b = rows.Select(r => Col(r, "方案乙")).ToList();
        Math.Abs(a.Sum() - b.Sum()).ShouldBeLessThanOrEqualTo(1m, "both settings share out the same pool (same 20% share)");
        var expectedPool = rows.Sum(r => Col(r, "年固定收入")) / 0.8m * 0.2m;
        Math.Abs(a.Sum() - expectedPool).ShouldBeLessThanOrEqualTo(1m, "the pool is the assessment share of income: fixed ÷ 0.8 × 0.2");
    }

    [Fact]
    public async Task Staff_check_reasons_and_an_untrue_one_becomes_a_suggestion_for_opinion_research()
    {
        var campaign = await campaigns.CampaignAsync();
        var slip = (await campaigns.SlipsAsync(campaign))[0];
        await campaigns.RememberSubjectsAsync([slip]);
        (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("差", "小区路灯坏了三个月没人修")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await campaigns.ReleaseAsync(campaign);
        var evaluation = await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().AsNoTracking().FirstAsync(e => e.CampaignId == campaign && e.Reason == "小区路灯坏了三个月没人修"));

        await app.CreateUserAsync("review-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var admin = await app.SignedInClientAsync("review-street-a");
        var page = $"/Assessment/Campaigns/Review/{campaign}";
        (await admin.GetStringAsync(page)).ShouldContain("小区路灯坏了三个月没人修");
        (await admin.GetStringAsync($"/Assessment/Campaigns/Details/{campaign}")).ShouldNotContain("短信发送评议链接", Case.Sensitive, "no SMS gateway is registered by default");
        (await admin.PostFormAsync(page + "?handler=Reason", new() { ["evaluation"] = evaluation.Id.ToString(), ["isTrue"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == evaluation.Id))).Validity.ShouldBe(EvaluationValidity.UntrueReason);

        (await admin.PostFormAsync(page + "?handler=Suggest", new() { ["evaluation"] = evaluation.Id.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var suggestion = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Text == "小区路灯坏了三个月没人修"));
        suggestion.Source.ShouldBe(Shequ.Domain.Opinion.SuggestionSource.Evaluation);

        await app.CreateUserAsync("review-worker-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var worker = await app.SignedInClientAsync("review-worker-a");
        (await worker.GetAsync(page)).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("/Account/AccessDenied", Case.Sensitive, "workers do not review their own evaluations");
    }
}

/// <summary>A fresh database: no earlier campaign has sampled anyone yet.</summary>
public class CampaignWorkersTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_campaign_can_be_limited_to_named_workers()
    {
        var periodId = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var worker = await app.WithDbAsync((db, _) => db.Workers.Where(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => w.Id).FirstAsync());
        var admin = await app.BearerClientAsync("eval-district", Roles.DistrictAdmin, "320591");
        var created = await admin.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId, region = "320591", workers = new[] { worker }, perItem = 2 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        (await new CampaignHelper(app).InvitationSubjectsAsync(id)).Values.SelectMany(s => s).Select(s => s.WorkerId).Distinct().ShouldBe([worker]);
    }

    [Fact]
    public async Task A_campaign_naming_only_workers_outside_the_callers_scope_is_refused_with_the_reason()
    {
        // Issue 15: it was created empty (201, no invitation).
        var periodId = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var outsider = await app.WithDbAsync(async (db, _) =>
        {
            var worker = Shequ.Domain.Workforce.Worker.Hire(await db.Regions.SingleAsync(r => r.Code == ShequFactory.StreetB), new Shequ.Domain.Workforce.WorkerProfile("邻街社工乙", "社工",
                Shequ.Domain.Workforce.EmploymentCategory.ProfessionalSocialWorker, Shequ.Domain.Workforce.Qualification.None, null, new DateOnly(2020, 1, 1)));
            db.Workers.Add(worker);
            await db.SaveChangesAsync();
            return worker.Id;
        });
        var street = await app.BearerClientAsync("eval-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var before = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.IgnoreQueryFilters().CountAsync());

        var refused = await street.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId, region = ShequFactory.StreetA, workers = new[] { outsider } });

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldContain($"编号 {outsider}）不存在或不在您的管辖范围内");
        (await app.WithDbAsync((db, _) => db.EvaluationCampaigns.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }
}

/// <summary>Its own database: the campaign here samples every household of street A, which later draws would skip.</summary>
public class SamplingExclusionTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_worker_of_another_street_living_here_is_never_drawn_even_by_an_admin_who_cannot_see_them()
    {
        var periodId = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var home = await app.WithDbAsync((db, _) => db.ServiceRecords.Where(r => r.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(r => r.HouseholdId).FirstAsync());
        await app.WithDbAsync(async (db, _) =>
        {
            var streetB = await db.Regions.SingleAsync(r => r.Code == ShequFactory.StreetB);
            var outsider = Shequ.Domain.Workforce.Worker.Hire(streetB, new Shequ.Domain.Workforce.WorkerProfile("邻街社工", "社工",
                Shequ.Domain.Workforce.EmploymentCategory.ProfessionalSocialWorker, Shequ.Domain.Workforce.Qualification.None, null, new DateOnly(2020, 1, 1)));
            outsider.LiveIn(home);
            db.Workers.Add(outsider);
            return await db.SaveChangesAsync();
        });
        var admin = await app.BearerClientAsync("excl-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var created = await admin.PostAsJsonAsync("/api/v1/assessment/campaigns", new { periodId, region = ShequFactory.StreetA, perItem = 50, maxPerWorker = 200 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        (await app.WithDbAsync((db, _) => db.SampledHouseholds.Where(s => s.CampaignId == id).Select(s => s.HouseholdId).ToListAsync())).ShouldNotContain(home);
    }
}

/// <summary>Group commit (P1): ballots that arrive together are written together, and each gets its own answer.</summary>
public class GroupCommitTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private readonly CampaignHelper campaigns = new(app);

    [Fact]
    public async Task Ballots_sent_at_once_are_each_answered_for_themselves_and_stored_once()
    {
        var campaign = await campaigns.CampaignAsync();
        var all = await campaigns.SlipsAsync(campaign);
        await campaigns.RememberSubjectsAsync(all);
        var (slips, wrongSubjects) = (all[..^1], all[^1]);
        List<(HttpStatusCode Expect, object Body)> sends =
        [
            .. slips.Select(s => (HttpStatusCode.Created, CampaignHelper.Ballot(s, s.Token, _ => ("良", null)))),
            (HttpStatusCode.Conflict, CampaignHelper.Ballot(slips[0], slips[0].ShortCode, _ => ("中", null))),
            (HttpStatusCode.NotFound, new { token = "ZZZZZZZZZZ", grades = Array.Empty<object>() }),
            (HttpStatusCode.BadRequest, new { token = wrongSubjects.Token, grades = new[] { new { workerId = 999_999, itemId = 1, grade = "良", reason = (string?)null } } }),
        ];

        var answers = await Task.WhenAll(sends.Select(async s => (s.Expect, Got: (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", s.Body)).StatusCode)));

        // The slip sent twice (token and typed code) is stored once; which of its two sends wins is up to the queue.
        var others = answers.Take(slips.Count).Skip(1).Concat(answers.Skip(slips.Count + 1)).ToList();
        others.Where(a => a.Got != a.Expect).ShouldBeEmpty();
        new[] { answers[0].Got, answers[slips.Count].Got }.Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        (await app.WithDbAsync((db, _) => db.PendingBallots.CountAsync(p => p.CampaignId == campaign))).ShouldBe(slips.Count);
        var one = await app.WithDbAsync((db, _) => db.PendingBallots.Where(p => p.CampaignId == campaign).Select(p => p.Id).FirstAsync());
        (await app.WithDbAsync((db, _) => db.PendingBallots.CountAsync(p => p.Id == one))).ShouldBe(1, "the writer stores keys as EF maps them, so EF finds them again");
        var unused = await app.WithDbAsync((db, _) => db.EvaluationInvitations.IgnoreQueryFilters().Where(i => i.CampaignId == campaign && !i.IsUsed).Select(i => i.Id).ToListAsync());
        unused.ShouldBe([wrongSubjects.InvitationId], "a refused ballot leaves its token unspent");

        (await campaigns.ReleaseAsync(campaign)).ShouldBe(slips.Count);
        var lines = await app.WithDbAsync((db, _) => db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == campaign).ToListAsync());
        lines.Count.ShouldBe(slips.Sum(s => CampaignHelper.SubjectsOf(s).Count), "every grade of every ballot, once");
        (await app.WithDbAsync((db, _) => db.PendingBallots.CountAsync(p => p.CampaignId == campaign))).ShouldBe(0);
        var ballots = await app.WithDbAsync((_, sp) =>
        {
            var sealer = sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();
            return Task.FromResult(lines.Where(e => e.RevealBallot(sealer)).GroupBy(e => e.BallotId).Select(g => g.Count()).Order().ToList());
        });
        ballots.ShouldBe(slips.Select(s => CampaignHelper.SubjectsOf(s).Count).Order().ToList(), "screening can still see which grades came together, through the seal");
    }
}
