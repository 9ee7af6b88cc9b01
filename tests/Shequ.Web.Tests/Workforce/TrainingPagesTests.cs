using System.Net;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Workforce;

public class TrainingPagesTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_district_plan_gets_sessions_and_attendance_that_show_on_the_workers_record()
    {
        await app.CreateUserAsync("tr-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("tr-district");
        var created = await admin.PostFormAsync("/Workforce/Training", new()
        {
            ["Input.Title"] = "社工能力提升计划",
            ["Input.RegionCode"] = "320591",
            ["Input.Start"] = "2026-03-01",
            ["Input.End"] = "2026-05-31",
            ["Input.Sessions"] = "20",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var planUrl = created.Headers.Location!.ToString();

        var outside = await admin.PostFormAsync(planUrl + "?handler=Session", new() { ["date"] = "2026-06-02", ["topic"] = "超期", ["hours"] = "3" });
        (await outside.Content.ReadAsStringAsync()).ShouldContain("培训日期须在计划期间");
        (await admin.PostFormAsync(planUrl + "?handler=Session", new() { ["date"] = "2026-03-07", ["topic"] = "个案工作方法", ["hours"] = "3" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (sessionId, workerId) = await app.WithDbAsync(async (db, _) =>
        {
            var plan = await db.TrainingPlans.SingleAsync(p => p.Title == "社工能力提升计划");
            var worker = await db.Workers.OrderBy(w => w.Id).FirstAsync();
            return (plan.Sessions.Single().Id, worker.Id);
        });
        var token = await ShequFactory.AntiforgeryTokenAsync(admin, planUrl);
        var attendance = await admin.PostAsync(planUrl + "?handler=Attendance", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("sessionId", sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("workerIds", workerId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        attendance.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await admin.GetStringAsync(planUrl)).ShouldContain("1 人参加");
        (await admin.GetStringAsync($"/Workforce/Workers/Details/{workerId}")).ShouldContain("培训记录：1 场");
        (await admin.GetStringAsync("/Workforce/Training")).ShouldContain("1/20");
    }
}
