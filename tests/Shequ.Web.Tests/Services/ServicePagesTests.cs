using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Services;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Services;

public partial class ServicePagesTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];

    /// <summary>An account linked to the demo worker who serves <paramref name="community"/>, so it records its own services.</summary>
    private async Task<(int WorkerId, string User)> LinkedWorkerAsync(string user, string community)
    {
        var account = await app.CreateUserAsync(user, Roles.SocialWorker, community);
        var workerId = await app.WithDbAsync(async (db, _) =>
        {
            var worker = await db.Workers.FirstAsync(w => w.StaffUserId == null && w.Assignments.Any(a => a.RegionCode == community));
            worker.LinkAccount(account.Id);
            await db.SaveChangesAsync();
            return worker.Id;
        });
        return (workerId, user);
    }

    private Task<int> HouseholdInAsync(string community, int skip = 0) =>
        app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(community)).OrderBy(h => h.Id).Skip(skip).Select(h => h.Id).FirstAsync());

    private Task<int> ItemAsync(string code) => app.WithDbAsync((db, _) => db.ServiceItems.Where(i => i.Code == code).Select(i => i.Id).SingleAsync());

    [Fact]
    public async Task The_published_catalogue_is_public_per_community_and_a_draft_stays_private_until_published()
    {
        var anonymous = app.NewClient();
        var items = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/service-items?community={ShequFactory.CommunityA}")).RootElement.EnumerateArray().ToList();
        items.Count(i => i.GetProperty("list").GetString() == "AssistGovernment").ShouldBe(26, "the demo's list 2 has 26 items (E8-1)");
        items.ShouldAllBe(i => i.GetProperty("steps").GetArrayLength() > 0);
        var guide = await anonymous.GetStringAsync($"/guide/{ShequFactory.CommunityA}");
        guide.ShouldContain("老年人助餐半价餐卡申领");
        Home.RoleNavigationTests.ReadableText(guide).ShouldNotContain("@", Case.Sensitive, "Razor left \"v@v.Number\" on every item");
        guide.ShouldContain("第 1 版");

        await app.CreateUserAsync("items-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("items-district");
        var save = await admin.PostFormAsync("/Services/Items/Edit?handler=Save", new()
        {
            ["Input.Code"] = "T-01", ["Input.Name"] = "助浴上门服务", ["Input.Function"] = "ElderlyAndDisability", ["Input.Kind"] = "Temporary", ["Input.List"] = "LegalDuty",
            ["Input.Standard"] = "预约后 3 日内上门。", ["Input.Steps"] = "预约 | 0 | 身份证\n上门服务 | 3 |",
        });
        save.StatusCode.ShouldBe(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());
        var id = await ItemAsync("T-01");
        (await anonymous.GetStringAsync("/api/v1/service-items")).ShouldNotContain("助浴上门服务");

        (await admin.PostFormAsync($"/Services/Items/Edit/{id}?handler=Publish", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetStringAsync("/api/v1/service-items")).ShouldContain("预约后 3 日内上门。");

        var version = await app.WithDbAsync((db, _) => db.ServiceItems.Where(i => i.Id == id).Select(i => i.Version).SingleAsync());
        (await admin.PostFormAsync($"/Services/Items/Edit/{id}?handler=Save", new()
        {
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = "助浴上门服务", ["Input.Function"] = "ElderlyAndDisability",
            ["Input.Kind"] = "Temporary", ["Input.List"] = "LegalDuty", ["Input.Standard"] = "预约后 2 日内上门。", ["Input.Steps"] = "预约 | 0 | 身份证\n上门服务 | 2 |",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = await anonymous.GetStringAsync("/api/v1/service-items");
        published.ShouldContain("预约后 3 日内上门。", Case.Sensitive, "the public sees the current version until the draft is published");
        published.ShouldNotContain("预约后 2 日内上门。");

        var stale = await admin.PostFormAsync($"/Services/Items/Edit/{id}?handler=Save", new()
        {
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = "改名", ["Input.Function"] = "ElderlyAndDisability",
            ["Input.Kind"] = "Temporary", ["Input.List"] = "LegalDuty", ["Input.Standard"] = "x", ["Input.Steps"] = "a",
        });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_worker_records_their_own_services_over_the_api_within_scope_and_lists_them_by_period()
    {
        var (workerId, user) = await LinkedWorkerAsync("rec-worker-a", ShequFactory.CommunityA);
        var client = await app.BearerClientAsync(user);
        var household = await HouseholdInAsync(ShequFactory.CommunityA);
        var item = await ItemAsync("L2-05");
        var now = DateTime.Now;
        object Body(int h, DateTime at, int? worker = null) => new { serviceItemId = item, workerId = worker, householdId = h, occurredAt = at, mode = "ProactiveVisit", provider = "Staff", outcome = "Completed", minutes = 25, note = "代办餐卡" };

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-records") { Content = JsonContent.Create(Body(household, now.AddMinutes(-30))) };
        post.Headers.Add("Idempotency-Key", "rec-1");
        var created = await client.SendAsync(post);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-records") { Content = JsonContent.Create(Body(household, now.AddMinutes(-30))) };
        retry.Headers.Add("Idempotency-Key", "rec-1");
        (await client.SendAsync(retry)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.WithDbAsync((db, _) => db.ServiceRecords.CountAsync(r => r.WorkerId == workerId && r.Note == "代办餐卡"))).ShouldBe(1);

        var future = await client.PostAsJsonAsync("/api/v1/service-records", Body(household, now.AddHours(2)));
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).ShouldContain("不能晚于现在");
        (await client.PostAsJsonAsync("/api/v1/service-records", Body(await HouseholdInAsync(ShequFactory.CommunityB), now))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var otherWorker = await app.WithDbAsync((db, _) => db.Workers.Where(w => w.Id != workerId).Select(w => w.Id).FirstAsync());
        (await client.PostAsJsonAsync("/api/v1/service-records", Body(household, now, otherWorker))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The record was made half an hour ago, which is yesterday when the suite runs just after midnight.
        string Day(DateTime at) => DateOnly.FromDateTime(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/service-records?worker={workerId}&from={Day(now.AddMinutes(-30))}&to={Day(now)}")).RootElement;
        list.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("note").GetString() == "代办餐卡");
        list.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("workerId").GetInt32() == workerId);

        await app.CreateUserAsync("rec-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        var outsider = await app.BearerClientAsync("rec-street-b");
        var seen = JsonDocument.Parse(await outsider.GetStringAsync($"/api/v1/service-records?worker={workerId}")).RootElement;
        seen.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_logged_visit_becomes_service_records_in_bulk_once_and_counts_as_the_households_visit()
    {
        var (workerId, user) = await LinkedWorkerAsync("rec-worker-a2", ShequFactory.CommunityA2);
        var client = await app.SignedInClientAsync(user);
        var entry = await app.WithDbAsync((db, _) => db.WorkLog.AsNoTracking().Where(e => e.WorkerId == workerId && e.Visited.Count > 0).OrderByDescending(e => e.Date).FirstAsync());
        var households = entry.Visited.Select(v => v.HouseholdId).ToList();
        await app.WithDbAsync(async (db, _) => await db.ServiceRecords.Where(r => r.WorkLogEntryId == entry.Id).ExecuteDeleteAsync());

        var fields = new Dictionary<string, string> { ["ServiceItemId"] = (await ItemAsync("L2-04")).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Mode"] = "ProactiveVisit", ["Outcome"] = "Completed" };
        var form = new List<KeyValuePair<string, string>>(fields);
        form.AddRange(households.Select(h => new KeyValuePair<string, string>("Selected", h.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var token = await ShequFactory.AntiforgeryTokenAsync(client, $"/Services/Records/FromLog/{entry.Id}");
        form.Add(new("__RequestVerificationToken", token));
        (await client.PostAsync($"/Services/Records/FromLog/{entry.Id}", new FormUrlEncodedContent(form))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var written = await app.WithDbAsync((db, _) => db.ServiceRecords.Where(r => r.WorkLogEntryId == entry.Id).ToListAsync());
        written.Select(r => r.HouseholdId).Order().ShouldBe(households.Order());
        written.ShouldAllBe(r => r.WorkerId == workerId && r.Mode == ServiceMode.ProactiveVisit);
        (await client.GetStringAsync($"/Registry/Households/Details/{households[0]}")).ShouldContain("高龄津贴申领", Case.Sensitive, "the household page lists the services it received");

        var again = await client.PostAsync($"/Services/Records/FromLog/{entry.Id}", new FormUrlEncodedContent(form));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "every household is already recorded for this entry");
        (await app.WithDbAsync((db, _) => db.ServiceRecords.CountAsync(r => r.WorkLogEntryId == entry.Id))).ShouldBe(households.Count);

        var mine = await client.GetStringAsync("/Registry/Visits?mine=true&all=true");
        foreach (var code in RegionCodeCell().Matches(mine).Select(m => m.Groups[1].Value))
        {
            code.ShouldStartWith(ShequFactory.CommunityA2, Case.Sensitive, "a worker's due list holds only the communities they serve");
        }

        (await app.SignedInClientAsync("rec-worker-a2")).ShouldNotBeNull();
        var stranger = await app.CreateUserAsync("rec-worker-b", Roles.SocialWorker, ShequFactory.CommunityB);
        stranger.ShouldNotBeNull();
        (await (await app.SignedInClientAsync("rec-worker-b")).GetAsync($"/Services/Records/FromLog/{entry.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_surge_task_is_completed_by_its_worker_and_assessed_with_a_score_and_evidence()
    {
        var (workerId, user) = await LinkedWorkerAsync("task-worker-a", "320591001003");
        await app.CreateUserAsync("task-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var admin = await app.SignedInClientAsync("task-street-a");
        var deadline = DateOnly.FromDateTime(DateTime.Now).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var create = await admin.PostFormAsync("/Services/Tasks/Create", new()
        {
            ["Input.Kind"] = "Surge", ["Input.Title"] = "独居老人防寒排查", ["Input.Description"] = "逐户排查",
            ["Input.Deadline"] = deadline, ["Input.WorkerIds"] = workerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        create.StatusCode.ShouldBe(HttpStatusCode.Redirect, await create.Content.ReadAsStringAsync());
        var taskPath = create.Headers.Location!.OriginalString;
        var task = await app.WithDbAsync((db, _) => db.WorkTasks.AsNoTracking().SingleAsync(t => t.Title == "独居老人防寒排查"));

        var worker = await app.SignedInClientAsync(user);
        (await worker.GetStringAsync(taskPath)).ShouldContain("报告完成");
        var done = await worker.PostFormAsync(taskPath + "?handler=Complete", new() { ["assignee"] = task.Assignees[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dueOn"] = deadline, ["report"] = "排查 42 户，发现 3 户需帮扶" });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect, await done.Content.ReadAsStringAsync());
        var completion = await app.WithDbAsync((db, _) => db.WorkTasks.AsNoTracking().Where(t => t.Id == task.Id).SelectMany(t => t.Completions).SingleAsync());

        var selfAssessed = await worker.PostFormAsync(taskPath + "?handler=Assess", new() { ["completion"] = completion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["score"] = "95", ["findings"] = "自评" });
        selfAssessed.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied", Case.Sensitive, "a worker does not assess their own work");

        var token = await ShequFactory.AntiforgeryTokenAsync(admin, taskPath);
        using var both = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(completion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "completion" },
            { new StringContent("90"), "score" }, { new StringContent("Excellent"), "grade" }, { new StringContent("核实"), "findings" },
        };
        var refused = await admin.PostAsync(taskPath + "?handler=Assess", both);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("二选一");

        using var assess = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(completion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "completion" },
            { new StringContent("92"), "score" }, { new StringContent("实地抽查 5 户，台账属实"), "findings" }, { new ByteArrayContent(Png), "evidence", "台账照片.png" },
        };
        (await admin.PostAsync(taskPath + "?handler=Assess", assess)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var assessed = await app.WithDbAsync((db, _) => db.WorkTasks.AsNoTracking().Where(t => t.Id == task.Id).SelectMany(t => t.Completions).SingleAsync());
        assessed.Score.ShouldBe(92);
        assessed.AssessedBy.ShouldBe("task-street-a");

        var page = await worker.GetStringAsync(taskPath);
        var link = EvidenceLink().Match(page).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        link.ShouldNotBeEmpty();
        var file = await worker.GetAsync(taskPath + link);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(Png);

        await app.CreateUserAsync("task-worker-b", Roles.SocialWorker, ShequFactory.CommunityB);
        (await (await app.SignedInClientAsync("task-worker-b")).GetAsync(taskPath)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Routine_occurrences_not_reported_appear_on_the_overdue_list_and_its_export()
    {
        await app.CreateUserAsync("task-staff-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var client = await app.SignedInClientAsync("task-staff-a");
        (await client.GetStringAsync("/Services/Tasks?overdue=true")).ShouldContain("每周消防安全巡查");
        var export = await client.GetAsync("/Services/Tasks?handler=Export&overdue=true");
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.ShouldContain(r => (string?)r["任务名称"] == "每周消防安全巡查" && (string?)r["承担对象"] == "湖滨社区");
        rows.ShouldAllBe(r => Convert.ToInt32(r["逾期天数"], System.Globalization.CultureInfo.InvariantCulture) > 0);

        var home = await client.GetStringAsync("/");
        home.ShouldContain("逾期任务");
        home.ShouldContain("超时诉求 1 件", Case.Sensitive, "the seeded request dispatched three days ago with a 48-hour limit");

        await app.CreateUserAsync("task-staff-b", Roles.CommunityStaff, ShequFactory.CommunityB);
        var other = await (await app.SignedInClientAsync("task-staff-b")).GetStringAsync("/");
        other.ShouldNotContain("超时诉求", Case.Sensitive, "reminders count only what the caller may see");
    }

    [Fact]
    public async Task An_agreement_holds_only_list_two_items_of_its_community()
    {
        await app.CreateUserAsync("agr-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var admin = await app.SignedInClientAsync("agr-street-a");
        var listOne = await ItemAsync("L1-01");
        var listTwo = await ItemAsync("L2-01");
        var refused = await admin.PostFormAsync("/Services/Agreements", new() { ["community"] = ShequFactory.CommunityA, ["year"] = "2026", ["funding"] = "80000", ["responsibilities"] = "街道拨付经费", ["items"] = listOne.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("清单二");

        var saved = await admin.PostFormAsync("/Services/Agreements", new() { ["community"] = ShequFactory.CommunityA, ["year"] = "2026", ["funding"] = "80000", ["responsibilities"] = "街道拨付经费", ["items"] = listTwo.ToString(System.Globalization.CultureInfo.InvariantCulture), [$"targets[{listTwo}]"] = "应保尽保" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var agreement = await app.WithDbAsync((db, _) => db.ServiceAgreements.AsNoTracking().SingleAsync(a => a.CommunityCode == ShequFactory.CommunityA));
        agreement.Items.Single().Target.ShouldBe("应保尽保");
        (await admin.PostFormAsync("/Services/Agreements", new() { ["community"] = ShequFactory.CommunityB, ["year"] = "2026", ["funding"] = "1", ["responsibilities"] = "x", ["items"] = listTwo.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "community B is outside street A");
    }

    [GeneratedRegex("<td class=\"code\">(\\d{12,15})</td>")]
    private static partial Regex RegionCodeCell();

    [GeneratedRegex("href=\"(\\?handler=Evidence&(?:amp;)?file=[0-9a-f-]+)\"")]
    private static partial Regex EvidenceLink();
}
