using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Requests;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Requests;

public sealed class PublicIntakeLimitFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:Requests:PublicSubmissionsPerWindow"] = "3",
        ["Shequ:Requests:PublicSubmissionWindowMinutes"] = "10",
    };
}

public class PublicIntakeLimitTests(PublicIntakeLimitFactory app) : IClassFixture<PublicIntakeLimitFactory>
{
    [Fact]
    public async Task Anonymous_submissions_beyond_the_limit_get_429_with_retry_after_on_the_api_and_the_form()
    {
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA, $"第{i}次"))).StatusCode);
        }

        statuses.ShouldAllBe(s => s == HttpStatusCode.Created);
        var limited = await client.PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA, "第4次"));
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        var form = await client.PostFormAsync("/report", new() { ["Input.RegionCode"] = ShequFactory.CommunityA, ["Input.CategoryId"] = "22", ["Input.Title"] = "t", ["Input.Description"] = "d" });
        form.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        string[] sent = ["第0次", "第1次", "第2次", "第4次"];
        (await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync(r => sent.Contains(r.Description)))).ShouldBe(3);
    }
}

/// <summary>Issue 14: a made-up credential is an anonymous caller like any other and gets no budget of its own.</summary>
public class ForgedCredentialLimitTests(PublicIntakeLimitFactory app) : IClassFixture<PublicIntakeLimitFactory>
{
    [Theory]
    [InlineData("Basic bWFsbG9yeTpndWVzcw==")]
    [InlineData("Bearer shq_made-up-token")]
    public async Task Guessing_codes_with_a_made_up_authorization_header_is_still_limited_per_address(string header)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Post, "/api/v1/evaluations") { Content = JsonContent.Create(new { token = $"GUESS{i:00000}", grades = Array.Empty<object>() }) };
            guess.Headers.TryAddWithoutValidation("Authorization", header);
            statuses.Add((await app.NewClient().SendAsync(guess)).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.NotFound || s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, string.Join(",", statuses));
    }
}

public class RequestTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    /// <summary>水电维修 in the standard tree.</summary>
    public const int RepairCategory = 22;

    public static object Leak(string community, string detail = "3 号楼 2 单元楼道灯坏了", string? phone = null) =>
        new { regionCode = community, categoryId = RepairCategory, title = "楼道灯不亮", description = detail, location = "3 号楼", phone };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<(int Id, string FollowUrl)> FileAsync(HttpClient? client = null, object? body = null)
    {
        var response = await (client ?? app.NewClient()).PostAsJsonAsync("/api/v1/requests", body ?? Leak(ShequFactory.CommunityA));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await JsonAsync(response);
        return (json.GetProperty("id").GetInt32(), json.GetProperty("followUrl").GetString()!);
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, string to, string? note = null, int? handler = null, int? version = null) =>
        client.PostAsJsonAsync($"/api/v1/requests/{id}/transitions", new { to, note, handlerWorkerId = handler, version });

    private Task<int> WorkerInCommunityAAsync() =>
        app.WithDbAsync((db, _) => db.Workers.Where(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => w.Id).FirstAsync());

    [Fact]
    public async Task Anyone_may_file_a_request_without_signing_in_and_follow_it_by_the_private_link()
    {
        var anonymous = app.NewClient();
        var created = await anonymous.PostAsJsonAsync("/api/v1/requests", Leak(ShequFactory.CommunityA, phone: "13912345678"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var receipt = await JsonAsync(created);
        var followUrl = receipt.GetProperty("followUrl").GetString()!;
        followUrl.ShouldStartWith("/r/");
        receipt.GetProperty("followToken").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(22, "128 bits, base64url");

        var id = receipt.GetProperty("id").GetInt32();
        var stored = await app.WithDbAsync((db, _) => db.ServiceRequests.SingleAsync(r => r.Id == id));
        stored.Channel.ShouldBe(RequestChannel.Public);
        stored.RequesterPhoneCipher.ShouldNotBeNull().ShouldNotContain("13912345678");
        stored.FollowTokenHash.ShouldNotBe(receipt.GetProperty("followToken").GetString());

        var page = await anonymous.OpenAsync(followUrl);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("楼道灯不亮");
        html.ShouldContain("已受理");
        html.ShouldNotContain("13912345678");
        (await anonymous.GetAsync("/r/not-a-real-token-at-all")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"/api/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the case file is for staff");
    }

    [Fact]
    public async Task Bad_public_input_gets_a_clear_chinese_message_and_writes_nothing()
    {
        var before = await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync());
        var client = app.NewClient();

        var noStory = await client.PostAsJsonAsync("/api/v1/requests", new { regionCode = ShequFactory.CommunityA, categoryId = RepairCategory, title = "", description = "" });
        noStory.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noStory.Content.ReadAsStringAsync()).ShouldContain("请填写标题");

        var badPhone = await client.PostAsJsonAsync("/api/v1/requests", Leak(ShequFactory.CommunityA, phone: "12345"));
        badPhone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badPhone.Content.ReadAsStringAsync()).ShouldContain("手机号");

        var street = await client.PostAsJsonAsync("/api/v1/requests", Leak(ShequFactory.StreetA));
        street.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await street.Content.ReadAsStringAsync()).ShouldContain("社区或网格");

        var noCategory = await client.PostAsJsonAsync("/api/v1/requests", new { regionCode = ShequFactory.CommunityA, categoryId = 999, title = "t", description = "d" });
        noCategory.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var form = await client.PostFormAsync("/report", new() { ["Input.RegionCode"] = ShequFactory.CommunityA, ["Input.CategoryId"] = "0", ["Input.Title"] = "灯坏了", ["Input.Description"] = "灯坏了" });
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await form.Content.ReadAsStringAsync()).ShouldContain("请选择一个有效的类别");
        (await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Staff_move_a_request_through_the_workflow_and_illegal_or_stale_moves_are_refused()
    {
        var staff = await app.BearerClientAsync("req-staff-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var (id, _) = await FileAsync();
        var handler = await WorkerInCommunityAAsync();

        var skip = await MoveAsync(staff, id, "Closed");
        skip.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await skip.Content.ReadAsStringAsync()).ShouldContain("不能转为“已结案”");

        (await MoveAsync(staff, id, "Opened")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var noHandler = await MoveAsync(staff, id, "Dispatched");
        noHandler.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noHandler.Content.ReadAsStringAsync()).ShouldContain("处理人");

        var dispatched = await MoveAsync(staff, id, "Dispatched", handler: handler);
        dispatched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await JsonAsync(dispatched);
        json.GetProperty("stage").GetString().ShouldBe("Dispatched");
        var due = json.GetProperty("dueAtUtc").GetDateTime();
        var created = json.GetProperty("transitions")[0].GetProperty("atUtc").GetDateTime();
        (due - created).TotalHours.ShouldBeInRange(23.9, 24.1, "水电维修 has a 24-hour limit in the standard tree");
        var version = json.GetProperty("version").GetInt32();

        (await MoveAsync(staff, id, "Handling", version: version - 1)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await MoveAsync(staff, id, "Handling", version: version)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var transitions = await app.WithDbAsync((db, _) => db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).SelectMany(r => r.Transitions).OrderBy(t => t.Id).ToListAsync());
        transitions.Select(t => t.To).ShouldBe([RequestStage.Collected, RequestStage.Opened, RequestStage.Dispatched, RequestStage.Handling]);
        transitions.Skip(1).ShouldAllBe(t => t.Actor == "req-staff-a");
    }

    [Fact]
    public async Task Requests_are_scoped_and_inspectors_only_read()
    {
        var (id, _) = await FileAsync();
        var other = await app.BearerClientAsync("req-staff-b", Roles.SocialWorker, ShequFactory.CommunityB);
        (await other.GetAsync($"/api/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MoveAsync(other, id, "Opened")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var inspector = await app.BearerClientAsync("req-inspector", Roles.Inspector, "320591");
        (await inspector.GetAsync($"/api/v1/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(inspector, id, "Opened")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var list = await JsonAsync(await other.GetAsync("/api/v1/requests?list=All&pageSize=200"));
        list.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("regionCode").GetString()!.StartsWith(ShequFactory.CommunityB, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_to_do_list_holds_only_work_still_to_do_and_shows_when_each_case_came_in()
    {
        // Issue 16: a closed case waiting for the resident's rating stayed in 待办, and "mine" kept what the handler had reported.
        var staff = await app.BearerClientAsync("req-todo", Roles.CommunityStaff, ShequFactory.CommunityA);
        var verifier = await app.BearerClientAsync("req-verifier", Roles.StreetAdmin, ShequFactory.StreetA);
        var (closed, _) = await FileAsync();
        var (reported, _) = await FileAsync();
        var handler = await WorkerInCommunityAAsync();
        foreach (var (id, last) in new[] { (closed, "Closed"), (reported, "Reported") })
        {
            foreach (var (to, note) in new[] { ("Opened", (string?)null), ("Dispatched", null), ("Handling", null), ("Reported", "已更换灯泡"), ("Closed", "回访确认") })
            {
                (await MoveAsync(to == "Closed" ? verifier : staff, id, to, note, to == "Dispatched" ? handler : null)).StatusCode.ShouldBe(HttpStatusCode.OK, to);
                if (to == last)
                {
                    break;
                }
            }
        }

        async Task<List<int>> IdsAsync(string queue, string stage) =>
            [.. (await JsonAsync(await staff.GetAsync($"/api/v1/requests?queue={queue}&stage={stage}&pageSize=200"))).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt32())];
        (await IdsAsync("Community", "Closed")).ShouldBeEmpty();
        (await IdsAsync("Community", "Reported")).ShouldContain(reported, "the verifier still has to check it");
        (await IdsAsync("Mine", "Reported")).ShouldBeEmpty();
        (await IdsAsync("All", "Closed")).ShouldNotBeEmpty();

        await app.CreateUserAsync("req-todo-page", Roles.CommunityStaff, ShequFactory.CommunityA);
        var page = await (await app.SignedInClientAsync("req-todo-page")).GetStringAsync("/Requests");
        page.ShouldContain("<th scope=\"col\">提交时间</th>");
        page.ShouldNotContain($"href=\"/Requests/Details/{closed}\"");
    }

    [Fact]
    public async Task A_no_from_the_requester_reopens_the_request_and_the_question_is_asked_once()
    {
        var staff = await app.BearerClientAsync("req-staff-a2", Roles.CommunityStaff, ShequFactory.CommunityA);
        var verifier = await app.BearerClientAsync("req-verifier", Roles.StreetAdmin, ShequFactory.StreetA);
        var (id, followUrl) = await FileAsync();
        var handler = await WorkerInCommunityAAsync();
        foreach (var (to, note) in new[] { ("Opened", (string?)null), ("Dispatched", null), ("Handling", null), ("Reported", "已更换灯泡"), ("Closed", "楼道灯已恢复照明") })
        {
            (await MoveAsync(to == "Closed" ? verifier : staff, id, to, note, to == "Dispatched" ? handler : null)).StatusCode.ShouldBe(HttpStatusCode.OK, to);
        }

        var resident = app.NewClient();
        var page = await (await resident.OpenAsync(followUrl)).Content.ReadAsStringAsync();
        page.ShouldContain("这件事解决了吗");
        page.ShouldContain("楼道灯已恢复照明", customMessage: "the written result of the closure is what the resident reads");

        // Issue 16: "没有解决" asks why; saying nothing changes nothing.
        var silent = await resident.PostFormAsync("/r", new() { ["solved"] = "false" });
        silent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await silent.Content.ReadAsStringAsync()).ShouldContain("哪里还没有解决");
        (await app.WithDbAsync((db, _) => db.ServiceRequests.SingleAsync(r => r.Id == id))).Stage.ShouldBe(RequestStage.Closed);

        var no = await resident.PostFormAsync("/r", new() { ["solved"] = "false", ["words"] = "只换了一楼的灯，二楼还是黑的" });
        no.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await no.Content.ReadAsStringAsync()).ShouldContain("重新打开");
        var reopened = await app.WithDbAsync((db, _) => db.ServiceRequests.SingleAsync(r => r.Id == id));
        reopened.Stage.ShouldBe(RequestStage.Opened);
        reopened.ReopenCount.ShouldBe(1);
        reopened.SolvedAnswer.ShouldBe(false);
        reopened.Transitions[^1].Note!.ShouldContain("二楼还是黑的");

        var again = await resident.PostFormAsync("/r", new() { ["solved"] = "true", ["rating"] = "Satisfied" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("已经答复过了");
        (await app.WithDbAsync((db, _) => db.ServiceRequests.SingleAsync(r => r.Id == id))).Stage.ShouldBe(RequestStage.Opened);
    }

    [Fact]
    public async Task An_idempotency_key_makes_a_retried_post_answer_the_same_and_write_once()
    {
        var client = app.NewClient();
        var body = Leak(ShequFactory.CommunityA, "重试测试：同一请求发两次");
        var before = await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync());

        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = JsonContent.Create(body) };
        first.Headers.Add("Idempotency-Key", "retry-001");
        var a = await client.SendAsync(first);
        using var second = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = JsonContent.Create(body) };
        second.Headers.Add("Idempotency-Key", "retry-001");
        var b = await client.SendAsync(second);

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await JsonAsync(b)).GetProperty("id").GetInt32().ShouldBe((await JsonAsync(a)).GetProperty("id").GetInt32());
        b.Headers.Location.ShouldBe(a.Headers.Location);
        (await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync())).ShouldBe(before + 1);

        using var changed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/requests") { Content = JsonContent.Create(Leak(ShequFactory.CommunityA, "另一件事")) };
        changed.Headers.Add("Idempotency-Key", "retry-001");
        (await client.SendAsync(changed)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync((db, _) => db.ServiceRequests.CountAsync())).ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_escalation_job_raises_overdue_requests_once_per_level()
    {
        var staff = await app.BearerClientAsync("req-staff-a3", Roles.CommunityStaff, ShequFactory.CommunityA);
        var (id, _) = await FileAsync();
        (await MoveAsync(staff, id, "Opened")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(staff, id, "Dispatched", handler: await WorkerInCommunityAAsync())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var due = await app.WithDbAsync((db, _) => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.DueAtUtc!.Value).SingleAsync());

        async Task<int> LevelAfterPassAt(DateTime now) => await app.WithDbAsync(async (db, _) =>
        {
            await RequestEscalation.EscalateAsync(db, now);
            return await db.ServiceRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.EscalationLevel).SingleAsync();
        });

        (await LevelAfterPassAt(due.AddMinutes(-1))).ShouldBe(0);
        (await LevelAfterPassAt(due.AddMinutes(1))).ShouldBe(1);
        (await LevelAfterPassAt(due.AddMinutes(2))).ShouldBe(1);
        (await LevelAfterPassAt(due.AddHours(25))).ShouldBe(2);

        var overdue = await JsonAsync(await staff.GetAsync("/api/v1/requests?list=Overdue&pageSize=200"));
        overdue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldContain(id);
        var notes = await app.WithDbAsync((db, _) => db.ServiceRequests.Where(r => r.Id == id).SelectMany(r => r.Transitions).Where(t => t.Actor == ServiceRequest.SystemActor).CountAsync());
        notes.ShouldBe(2);
    }

    [Fact]
    public async Task The_request_lists_export_what_they_show()
    {
        await app.CreateUserAsync("req-page-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var client = await app.SignedInClientAsync("req-page-a");
        var page = await client.GetAsync("/Requests?list=All");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("小区门口垃圾堆放");

        var export = await client.GetAsync("/Requests?handler=Export&list=Overdue");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = await export.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.ShouldContain(r => (string?)r["标题"] == "小区门口垃圾堆放", "the seeded request dispatched three days ago with a 48-hour limit is overdue");
        rows.ShouldAllBe(r => (string?)r["超时"] == "是");
    }
}
