using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Domain.Requests;
using Shequ.Web.Seeding;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Requests;

/// <summary>
/// Issue 16: handling units (承办单位) are parties with their own accounts that see and answer only what was routed to
/// them; duties are separated; only the requester rates.
/// </summary>
public class HandlingUnitTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<int> FileAsync(string detail)
    {
        var response = await app.NewClient().PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA, detail));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, object body) => client.PostAsJsonAsync($"/api/v1/requests/{id}/transitions", body);

    private Task<int> PropertyUnitAsync() => app.WithDbAsync((db, _) => db.HandlingUnits.IgnoreQueryFilters().Where(u => u.Name == DemoDistrict.PropertyUnit).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_units_account_sees_only_what_was_routed_to_it_even_in_the_raw_data_layer()
    {
        var staff = await app.BearerClientAsync("unit-staff-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var unitId = await PropertyUnitAsync();
        var routed = await FileAsync("派给物业的漏水");
        var kept = await FileAsync("社区自己处理的事");
        (await MoveAsync(staff, routed, new { to = "Opened" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(staff, routed, new { to = "Dispatched", handlerUnitId = unitId })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.CreateUnitUserAsync("unit-wuye-1", DemoDistrict.PropertyUnit);
        var unit = await app.SignedInClientAsync("unit-wuye-1");
        var home = await unit.GetAsync("/");
        home.Headers.Location!.ToString().ShouldBe("/Unit");
        var list = await unit.GetStringAsync("/Unit");
        list.ShouldContain($"/Unit/Requests/{routed}\"");
        list.ShouldNotContain($"/Unit/Requests/{kept}\"");
        (await unit.GetAsync($"/Unit/Requests/{kept}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unit.GetAsync($"/Requests/Details/{routed}")).Headers.Location!.ToString().ShouldContain("AccessDenied", customMessage: "the staff pages are not the unit's");
        (await unit.GetAsync("/Registry/Residents")).Headers.Location!.ToString().ShouldContain("AccessDenied");

        var token = await app.IssueTokenAsync("unit-wuye-1");
        var bearer = app.NewClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await bearer.GetAsync("/api/v1/requests")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bearer.GetAsync("/api/v1/residents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The attacker's view: a context carrying the unit's identity, with no page in front of it, still sees only the routed case.
        var visible = await app.WithDbAsync(async (db, sp) =>
        {
            var options = sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<ShequDbContext>>();
            await using var asUnit = new ShequDbContext(options, new FixedActor("unit-wuye-1", ShequFactory.CommunityA, unitId));
            return await asUnit.ServiceRequests.Select(r => r.Id).ToListAsync();
        });
        visible.ShouldContain(routed);
        visible.ShouldNotContain(kept);
        (await app.WithDbAsync(async (db, _) => await db.ServiceRequests.Where(r => r.HandlerUnitId == unitId).Select(r => r.Id).ToListAsync())).ShouldBe(visible, ignoreOrder: true);
    }

    [Fact]
    public async Task The_unit_takes_up_and_reports_staff_do_not_act_for_it_and_the_unit_cannot_close()
    {
        var staff = await app.BearerClientAsync("unit-staff-b", Roles.CommunityStaff, ShequFactory.CommunityA);
        var unitId = await PropertyUnitAsync();
        var id = await FileAsync("水箱又漏了");
        (await MoveAsync(staff, id, new { to = "Opened" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(staff, id, new { to = "Dispatched", handlerUnitId = unitId })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var forUnit = await MoveAsync(staff, id, new { to = "Handling" });
        forUnit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forUnit.Content.ReadAsStringAsync()).ShouldContain("承办单位");

        await app.CreateUnitUserAsync("unit-wuye-2", DemoDistrict.PropertyUnit);
        var unit = await app.SignedInClientAsync("unit-wuye-2");
        string Version() => app.WithDbAsync((db, _) => db.ServiceRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Version).SingleAsync()).Result.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = $"/Unit/Requests/{id}";
        (await unit.PostFormAsync(page, new() { ["to"] = "Handling", ["version"] = Version() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var silent = await unit.PostFormAsync(page, new() { ["to"] = "Reported", ["note"] = " ", ["version"] = Version() });
        silent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await silent.Content.ReadAsStringAsync()).ShouldContain("处理结果");
        (await unit.PostFormAsync(page, new() { ["to"] = "Reported", ["note"] = "已更换水箱进水阀", ["version"] = Version() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var close = await unit.PostFormAsync(page, new() { ["to"] = "Closed", ["note"] = "自己结案", ["version"] = Version() });
        close.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);

        var stored = await app.WithDbAsync((db, _) => db.ServiceRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        stored.Stage.ShouldBe(RequestStage.Reported);
        stored.Transitions.Where(t => t.To is RequestStage.Handling or RequestStage.Reported).ShouldAllBe(t => t.Actor == "unit-wuye-2");
    }

    [Fact]
    public async Task A_move_on_the_page_says_what_happened()
    {
        var id = await FileAsync("页面提示");
        await app.CreateUserAsync("notice-staff", Roles.CommunityStaff, ShequFactory.CommunityA);
        var staff = await app.SignedInClientAsync("notice-staff");
        var page = $"/Requests/Details/{id}";
        var version = await app.WithDbAsync((db, _) => db.ServiceRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        var moved = await staff.PostFormAsync(page + "?handler=Move", new() { ["to"] = "Opened", ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await moved.Content.ReadAsStringAsync());
        var after = await staff.GetStringAsync(moved.Headers.Location!.ToString());
        after.ShouldContain("data-testid=\"notice\"");
        after.ShouldContain("已立案");
        (await staff.GetStringAsync(page)).ShouldNotContain("data-testid=\"notice\"", customMessage: "the message is said once");
    }

    [Fact]
    public async Task A_street_routes_to_the_districts_departments_but_does_not_open_accounts_for_them()
    {
        await app.CreateUserAsync("units-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var street = await app.SignedInClientAsync("units-street-a");
        (await street.GetStringAsync("/Organization/Units")).ShouldContain(DemoDistrict.TransportUnit);
        var district = await app.WithDbAsync((db, _) => db.HandlingUnits.IgnoreQueryFilters().Where(u => u.Name == DemoDistrict.TransportUnit).Select(u => u.Id).SingleAsync());
        var refused = await street.PostFormAsync("/Organization/Units?handler=Account&id=" + district, new() { ["userName"] = "street-made-district-unit" });
        refused.Headers.Location.ShouldNotBeNull().ToString().ShouldContain("AccessDenied");
        (await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "street-made-district-unit"))).ShouldBeFalse();

        var own = await app.WithDbAsync((db, _) => db.HandlingUnits.IgnoreQueryFilters().Where(u => u.Name == DemoDistrict.PropertyUnit).Select(u => u.Id).SingleAsync());
        var opened = await street.PostFormAsync("/Organization/Units?handler=Account&id=" + own, new() { ["userName"] = "street-made-wuye" });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await opened.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"password\"");
        (await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "street-made-wuye").Select(u => u.UnitId).SingleAsync())).ShouldBe(own);
    }

    [Fact]
    public async Task A_unit_gets_only_matters_inside_its_area()
    {
        var staff = await app.BearerClientAsync("unit-staff-c", Roles.StreetAdmin, ShequFactory.StreetA);
        var unitId = await PropertyUnitAsync();
        var response = await app.NewClient().PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA2, "柳岸社区的事"));
        var id = (await JsonAsync(response)).GetProperty("id").GetInt32();
        (await MoveAsync(staff, id, new { to = "Opened" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var outside = await MoveAsync(staff, id, new { to = "Dispatched", handlerUnitId = unitId });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("负责的区域");
        (await app.WithDbAsync((db, _) => db.ServiceRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == id))).Stage.ShouldBe(RequestStage.Opened);
    }

    [Fact]
    public async Task Duties_are_separated_and_staff_record_a_phone_answer_only_as_such()
    {
        var opener = await app.BearerClientAsync("duty-opener", Roles.CommunityStaff, ShequFactory.CommunityA);
        var handlerUser = await app.BearerClientAsync("duty-handler", Roles.CommunityStaff, ShequFactory.CommunityA);
        var verifier = await app.BearerClientAsync("duty-verifier", Roles.StreetAdmin, ShequFactory.StreetA);
        var handlerWorker = await app.WithDbAsync(async (db, sp) =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "duty-opener");
            var worker = await db.Workers.Where(w => w.StaffUserId == null && w.Assignments.Any(a => a.RegionCode.StartsWith(ShequFactory.CommunityA))).FirstAsync();
            worker.LinkAccount(user.Id);
            await db.SaveChangesAsync();
            return worker.Id;
        });

        var id = await FileAsync("职责分离");
        (await MoveAsync(opener, id, new { to = "Opened" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var self = await MoveAsync(opener, id, new { to = "Dispatched", handlerWorkerId = handlerWorker });
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the opener's own worker record is the opener");
        (await self.Content.ReadAsStringAsync()).ShouldContain("职责分离");
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Workers.SingleAsync(w => w.Id == handlerWorker)).LinkAccount(null);
            return await db.SaveChangesAsync();
        });
        (await MoveAsync(opener, id, new { to = "Dispatched", handlerWorkerId = handlerWorker })).StatusCode.ShouldBe(HttpStatusCode.OK, "once the record is no longer the opener's");
        (await MoveAsync(handlerUser, id, new { to = "Handling" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MoveAsync(handlerUser, id, new { to = "Reported", note = "已修好" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var party in new[] { opener, handlerUser })
        {
            var closing = await MoveAsync(party, id, new { to = "Closed", note = "核查通过" });
            closing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await closing.Content.ReadAsStringAsync()).ShouldContain("职责分离");
        }

        (await MoveAsync(verifier, id, new { to = "Closed", note = "核查通过，灯已修好" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var staffRates = await MoveAsync(verifier, id, new { to = "Evaluated", note = "满意" });
        staffRates.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staffRates.Content.ReadAsStringAsync()).ShouldContain("居民本人");

        var phone = await verifier.PostAsJsonAsync($"/api/v1/requests/{id}/phone-follow-up", new { solved = true, satisfaction = "Fair", words = "居民说基本满意" });
        phone.StatusCode.ShouldBe(HttpStatusCode.OK, await phone.Content.ReadAsStringAsync());
        var json = await JsonAsync(phone);
        json.GetProperty("stage").GetString().ShouldBe("Evaluated");
        json.GetProperty("answeredBy").GetString().ShouldBe("PhoneFollowUp");
        json.GetProperty("satisfaction").GetString().ShouldBe("Fair");

        await app.CreateUserAsync("duty-page", Roles.CommunityStaff, ShequFactory.CommunityA);
        var details = await (await app.SignedInClientAsync("duty-page")).GetStringAsync($"/Requests/Details/{id}");
        details.ShouldContain("电话回访");
        details.ShouldContain("基本满意");
    }
}

/// <summary>A community with too few staff turns separation of duties off.</summary>
public sealed class RelaxedDutiesFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Shequ:Requests:SeparateDuties"] = "false" };
}

public class RelaxedDutiesTests(RelaxedDutiesFactory app) : IClassFixture<RelaxedDutiesFactory>
{
    [Fact]
    public async Task With_the_setting_off_one_person_may_open_handle_and_close()
    {
        var staff = await app.BearerClientAsync("relaxed-staff", Roles.CommunityStaff, ShequFactory.CommunityA);
        var created = await app.NewClient().PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA, "一人社区"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var worker = await app.WithDbAsync((db, _) => db.Workers.Where(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => w.Id).FirstAsync());
        foreach (var (to, note) in new[] { ("Opened", (string?)null), ("Dispatched", null), ("Handling", null), ("Reported", "已修好"), ("Closed", "已修好，回访确认") })
        {
            (await staff.PostAsJsonAsync($"/api/v1/requests/{id}/transitions", new { to, note, handlerWorkerId = to == "Dispatched" ? worker : (int?)null })).StatusCode.ShouldBe(HttpStatusCode.OK, to);
        }
    }
}
