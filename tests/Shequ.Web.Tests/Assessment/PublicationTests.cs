using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Assessment;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

public class PublicationTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_period_is_closed_publicized_appealed_decided_and_frozen_in_order()
    {
        var period = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var page = $"/Assessment/Scores/{period}";
        await app.CreateUserAsync("pub-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("pub-district");
        var account = await app.CreateUserAsync("pub-worker", Roles.SocialWorker, ShequFactory.CommunityA);
        var workerId = await app.WithDbAsync(async (db, _) =>
        {
            var w = await db.Workers.FirstAsync(x => x.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA));
            w.LinkAccount(account.Id);
            await db.SaveChangesAsync();
            return w.Id;
        });
        var worker = await app.SignedInClientAsync("pub-worker");
        Task<PeriodStatus> StatusAsync() => app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Id == period).Select(p => p.Status).SingleAsync());

        (await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "an open period is closed first");
        (await worker.PostFormAsync(page + "?handler=Close", [])).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("AccessDenied");
        (await admin.PostFormAsync(page + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync()).ShouldBe(PeriodStatus.Closed);
        (await worker.PostFormAsync(page + "?handler=Appeal", new() { ["text"] = "太早了" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "no objections before publication");

        (await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(page + "?handler=Appeal", new() { ["text"] = "有两份评议来自我没有服务过的住户" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var appeal = await app.WithDbAsync((db, _) => db.ScoreAppeals.AsNoTracking().SingleAsync(a => a.PeriodId == period));
        appeal.WorkerId.ShouldBe(workerId);

        var early = await admin.PostFormAsync(page + "?handler=Freeze", []);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("公示期结束且所有申诉都有处理结果后才能定档");

        (await admin.PostFormAsync(page + "?handler=Decide", new() { ["appeal"] = appeal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["upheld"] = "true", ["note"] = "核实属实，两份评议剔除" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.WithDbAsync(async (db, _) => await db.AssessmentPeriods.Where(p => p.Id == period)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ObjectionsUntil, DateOnly.FromDateTime(DateTime.Today).AddDays(-1))));
        (await admin.PostFormAsync(page + "?handler=Freeze", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync()).ShouldBe(PeriodStatus.Frozen);
        (await admin.GetStringAsync(page)).ShouldContain("已定档的结果");
        (await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Id == period).Select(p => p.Results).SingleAsync())).ShouldNotBeNullOrEmpty();
    }
}

public class SchemePageTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static Dictionary<string, string> Form(string resident) => new()
    {
        ["resident"] = resident, ["routine"] = "20", ["surge"] = "15", ["requests"] = "15", ["workLog"] = "10",
        ["excellent"] = "100", ["good"] = "85", ["fair"] = "70", ["poor"] = "40", ["minimumValid"] = "8", ["expectedExcellent"] = "60", ["effectiveFrom"] = "2000-01-01",
    };

    [Fact]
    public async Task A_district_admin_versions_the_scheme_and_scores_follow_it()
    {
        await app.CreateUserAsync("scheme-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("scheme-district");
        var bad = await admin.PostFormAsync("/Assessment/Scheme", Form("50"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("合计 100%");
        (await admin.PostFormAsync("/Assessment/Scheme", Form("40"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync((db, _) => db.AssessmentSchemes.SingleAsync())).Number.ShouldBe(1);

        await app.CreateUserAsync("scheme-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var street = await app.SignedInClientAsync("scheme-street");
        (await street.PostFormAsync("/Assessment/Scheme", Form("40"))).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("AccessDenied");

        var period = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        (await admin.GetStringAsync($"/Assessment/Scores/{period}")).ShouldContain("有效评议不足 8 份");
    }
}

public sealed class TextingFactory : ShequFactory
{
    public CapturingSender Sender { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<Shequ.Web.Modules.Assessment.IInvitationSender>(Sender));
    }

    public sealed class CapturingSender : Shequ.Web.Modules.Assessment.IInvitationSender
    {
        public System.Collections.Concurrent.ConcurrentBag<(string Mobile, string Text)> Sent { get; } = [];

        public bool IsConfigured => true;

        public Task<bool> SendAsync(string mobile, string text, CancellationToken ct)
        {
            Sent.Add((mobile, text));
            return Task.FromResult(true);
        }
    }
}

public class InvitationTextTests(TextingFactory app) : IClassFixture<TextingFactory>
{
    [Fact]
    public async Task With_a_gateway_registered_links_go_to_the_households_mobiles()
    {
        var period = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var campaign = await app.WithDbAsync(async (_, sp) => (await sp.GetRequiredService<Shequ.Web.Modules.Assessment.CampaignDesk>()
            .StartAsync(new Shequ.Web.Modules.Assessment.CampaignRequest(period, ShequFactory.StreetA, 3, 12, 14), "test", default)).Campaign!.Id);
        await app.CreateUserAsync("text-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("text-district");
        var page = $"/Assessment/Campaigns/Details/{campaign}";
        (await admin.GetStringAsync(page)).ShouldContain("短信发送评议链接");
        (await admin.PostFormAsync(page + "?handler=Text", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        app.Sender.Sent.ShouldNotBeEmpty();
        app.Sender.Sent.ShouldAllBe(m => m.Mobile.Length == 11 && m.Text.Contains("/e/") && m.Text.Contains("评议码"));
        var invitations = await app.WithDbAsync((db, _) => db.EvaluationInvitations.IgnoreQueryFilters().CountAsync(i => i.CampaignId == campaign));
        app.Sender.Sent.Count.ShouldBeLessThanOrEqualTo(invitations);
    }
}

/// <summary>Issue 14: a district's period is the district's to close, and closing it closes every campaign in it.</summary>
public class DistrictPeriodCloseTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_street_cannot_close_the_districts_period_and_the_district_closes_every_streets_campaign()
    {
        var period = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var campaigns = await app.WithDbAsync(async (db, _) =>
        {
            // One campaign per street, made as the system so both exist whoever looks.
            var p = await db.AssessmentPeriods.SingleAsync(x => x.Id == period);
            var a = EvaluationCampaign.Start(p, ShequFactory.StreetA, SampleRule.Default, 1, string.Empty, "k", DateTime.UtcNow, 14, "test");
            var b = EvaluationCampaign.Start(p, ShequFactory.StreetB, SampleRule.Default, 2, string.Empty, "k", DateTime.UtcNow, 14, "test");
            db.EvaluationCampaigns.AddRange(a, b);
            await db.SaveChangesAsync();
            return new[] { a.Id, b.Id };
        });
        var page = $"/Assessment/Scores/{period}";
        await app.CreateUserAsync("close-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var street = await app.SignedInClientAsync("close-street-a");
        (await street.PostFormAsync(page + "?handler=Close", [])).Headers.Location.ShouldNotBeNull().OriginalString.ShouldContain("AccessDenied");
        (await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Id == period).Select(p => p.Status).SingleAsync())).ShouldBe(PeriodStatus.Open);

        await app.CreateUserAsync("close-district", Roles.DistrictAdmin, "320591");
        var district = await app.SignedInClientAsync("close-district");
        (await district.PostFormAsync(page + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync((db, _) => db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => campaigns.Contains(c.Id)).AllAsync(c => c.IsClosed && c.SlipKeyCipher == null)))
            .ShouldBeTrue("both streets' campaigns closed with the period");
    }
}

/// <summary>Issue 14: a period goes public only once every 优 and 差 reason is checked, or with a recorded decision not to.</summary>
public class PublicationReasonTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Unchecked_extreme_reasons_stop_publication_until_checked_or_accepted_with_a_recorded_reason()
    {
        var helper = new CampaignHelper(app);
        var campaign = await helper.CampaignAsync();
        var slips = (await helper.SlipsAsync(campaign)).Take(2).ToList();
        await helper.RememberSubjectsAsync(slips);
        foreach (var slip in slips)
        {
            (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", CampaignHelper.Ballot(slip, slip.Token, _ => ("优", "每次都上门帮忙办理")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var period = await app.WithDbAsync((db, _) => db.EvaluationCampaigns.Where(c => c.Id == campaign).Select(c => c.PeriodId).SingleAsync());
        var page = $"/Assessment/Scores/{period}";
        await app.CreateUserAsync("pubr-district", Roles.DistrictAdmin, "320591");
        var admin = await app.SignedInClientAsync("pubr-district");
        (await admin.PostFormAsync(page + "?handler=Close", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lines = slips.Sum(s => CampaignHelper.SubjectsOf(s).Count);

        var refused = await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain($"还有 {lines} 条“优”“差”的理由没有核实");

        (await admin.PostFormAsync(page + "?handler=Publicize", new() { ["days"] = "3", ["acceptUnchecked"] = "居民均为书面评议，理由已由社区主任电话回访抽查" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Id == period).Select(p => p.Status).SingleAsync())).ShouldBe(PeriodStatus.Publicized);
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == "publicize" && a.Detail!.Contains($"{lines} unchecked") && a.Detail.Contains("电话回访")))).ShouldBe(1);
    }
}
