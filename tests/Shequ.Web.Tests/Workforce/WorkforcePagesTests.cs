using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Domain.Workforce;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Workforce;

public partial class WorkforcePagesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "wf-street-a")))
        {
            await app.CreateUserAsync("wf-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
            await app.CreateUserAsync("wf-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
            await app.CreateUserAsync("wf-worker", Roles.SocialWorker, ShequFactory.CommunityA2);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<int> HireAsync(HttpClient admin, string name)
    {
        var response = await admin.PostFormAsync("/Workforce/Workers/Create", new()
        {
            ["Input.Name"] = name,
            ["Input.Position"] = "社工",
            ["Input.EmployerCode"] = ShequFactory.StreetA,
            ["Input.StartDate"] = "2018-03-01",
            ["Input.Category"] = nameof(EmploymentCategory.ProfessionalSocialWorker),
            ["Input.Qualification"] = nameof(Qualification.SocialWorker),
            ["Input.QualificationYear"] = "2019",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(WorkerId().Match(response.Headers.Location!.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_street_admin_hires_a_worker_assigns_communities_sets_pay_and_records_kin()
    {
        var admin = await app.SignedInClientAsync("wf-street-a");
        var id = await HireAsync(admin, "陈海燕");

        (await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Assign", new() { ["codes"] = $"{ShequFactory.CommunityA}, {ShequFactory.CommunityA2}" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var outside = await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Assign", new() { ["codes"] = ShequFactory.CommunityB });
        (await outside.Content.ReadAsStringAsync()).ShouldContain("不在您的管辖范围内");
        (await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Pay", new() { ["year"] = "2026", ["basePay"] = "4500", ["seniority"] = "800", ["allowance"] = "300" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        async Task<(string Id, string Name)> ResidentInAsync(string community) => await app.WithDbAsync(async (db, sp) =>
        {
            var anyone = await db.Residents.FirstAsync(r => r.RegionCode.StartsWith(community));
            return (sp.GetRequiredService<IPersonalDataSealer>().Open(Resident.IdPurpose, anyone.IdCipher), anyone.Name);
        });
        var (kinId, _) = await ResidentInAsync(ShequFactory.CommunityA2);
        (await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Kin", new() { ["idNumber"] = kinId, ["relation"] = "母亲" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unknown = await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Kin", new() { ["idNumber"] = IdNumber.Compose("110105", new DateOnly(1950, 1, 1), 999).Value, ["relation"] = "父亲" });
        var unknownAnswer = await unknown.Content.ReadAsStringAsync();
        unknownAnswer.ShouldContain("没有登记该身份证号的居民");

        // Issue 15 (A6, C13): another street's resident is looked up in the caller's scope only — the same answer as an
        // unknown number, and never the name.
        var (elsewhereId, elsewhereName) = await ResidentInAsync(ShequFactory.CommunityB);
        var elsewhere = await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Kin", new() { ["idNumber"] = elsewhereId, ["relation"] = "配偶" });
        elsewhere.StatusCode.ShouldBe(unknown.StatusCode);
        var elsewhereAnswer = await elsewhere.Content.ReadAsStringAsync();
        elsewhereAnswer.ShouldContain("没有登记该身份证号的居民");
        elsewhereAnswer.ShouldNotContain(elsewhereName);

        var worker = await app.WithDbAsync((db, _) => db.Workers.Include(w => w.Assignments).Include(w => w.Pay).Include(w => w.Kin).SingleAsync(w => w.Id == id));
        worker.Assignments.Select(a => a.RegionCode).ShouldBe([ShequFactory.CommunityA, ShequFactory.CommunityA2], ignoreOrder: true);
        worker.Pay.Single().Total.ShouldBe(5600);
        worker.Kin.Single().Relation.ShouldBe("母亲");

        var page = await admin.GetStringAsync($"/Workforce/Workers/Details/{id}");
        page.ShouldContain("5,600.00");
        (await (await app.SignedInClientAsync("wf-street-b")).GetAsync($"/Workforce/Workers/Details/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The district, whose scope holds both, declares the kin in street B; street A sees that there is one, not who.
        await app.CreateUserAsync("wf-district", Roles.DistrictAdmin, "320591");
        var district = await app.SignedInClientAsync("wf-district");
        (await district.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Kin", new() { ["idNumber"] = elsewhereId, ["relation"] = "配偶" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await district.GetStringAsync($"/Workforce/Workers/Details/{id}")).ShouldContain(elsewhereName);
        var seenByStreet = await admin.GetStringAsync($"/Workforce/Workers/Details/{id}");
        seenByStreet.ShouldContain("辖区外居民");
        seenByStreet.ShouldNotContain(elsewhereName);
    }

    [Fact]
    public async Task A_home_visit_in_the_work_log_clears_the_households_due_visit()
    {
        var admin = await app.SignedInClientAsync("wf-street-a");
        var id = await HireAsync(admin, "沈国平");
        await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=Assign", new() { ["codes"] = ShequFactory.CommunityA2 });
        (await admin.PostFormAsync($"/Workforce/Workers/Details/{id}?handler=LinkAccount", new() { ["userName"] = "wf-worker" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // A key recipient in the worker's community who was never visited.
        var resident = await app.WithDbAsync(async (db, _) =>
        {
            var r = await db.Residents.Where(x => x.RegionCode.StartsWith(ShequFactory.CommunityA2)).OrderBy(x => x.Id).FirstAsync();
            r.SetCare(CareLevel.Key, "独居，行动不便");
            await db.SaveChangesAsync();
            return r;
        });
        var worker = await app.SignedInClientAsync("wf-worker");
        (await worker.GetAsync("/Registry/Visits?under=" + ShequFactory.CommunityA2)).StatusCode.ShouldBe(HttpStatusCode.OK);
        async Task<List<string>> DueNamesAsync()
        {
            var export = await worker.GetAsync("/Registry/Visits?handler=Export&under=" + resident.RegionCode);
            return MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true)
                .Cast<IDictionary<string, object>>().Where(r => Convert.ToInt32(r["逾期天数"], System.Globalization.CultureInfo.InvariantCulture) >= 0).Select(r => (string)r["姓名"]).ToList();
        }

        (await DueNamesAsync()).ShouldContain(resident.Name);

        var response = await worker.PostFormAsync("/Workforce/WorkLog", new()
        {
            ["Entry.Date"] = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Entry.Category"] = nameof(WorkCategory.HomeVisit),
            ["Entry.Minutes"] = "60",
            ["Entry.Summary"] = "看望独居老人",
            ["Entry.Households"] = resident.HouseholdId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());

        (await worker.GetStringAsync("/Workforce/WorkLog")).ShouldContain("看望独居老人");
        (await DueNamesAsync()).ShouldNotContain(resident.Name);
    }

    [Fact]
    public async Task Only_the_worker_writes_their_own_log()
    {
        var admin = await app.SignedInClientAsync("wf-street-a");
        var id = await HireAsync(admin, "周文杰");
        (await admin.GetAsync($"/Workforce/WorkLog?worker={id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await admin.PostFormAsync($"/Workforce/WorkLog?worker={id}", new()
        {
            ["Entry.Date"] = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Entry.Category"] = nameof(WorkCategory.Meeting),
            ["Entry.Minutes"] = "30",
            ["Entry.Summary"] = "代写",
        });
        refused.Headers.Location?.ToString().ShouldContain("AccessDenied");
        (await app.WithDbAsync((db, _) => db.WorkLog.AnyAsync(e => e.Summary == "代写"))).ShouldBeFalse();
    }

    [GeneratedRegex(@"/Workforce/Workers/Details/(\d+)")]
    private static partial Regex WorkerId();
}
