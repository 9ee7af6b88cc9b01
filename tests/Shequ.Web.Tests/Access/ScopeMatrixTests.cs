using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>
/// Security item A6: every endpoint × every kind of caller, with a target that lies in community A.
/// A caller not listed as allowed must get no 2xx; an allowed caller must get one. Later modules add rows.
/// </summary>
public class ScopeMatrixTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    public enum Actor
    {
        Anonymous,
        WorkerOfCommunityA,
        WorkerOfCommunityB,
        InspectorOfDistrict,
        StreetAdminOfA,
        StreetAdminOfB,
        DistrictAdmin,

        /// <summary>An account of 湖滨物业服务中心, the handling unit of community A (issue 16).</summary>
        UnitOfCommunityA,
    }

    private static readonly Actor[] Readers = [Actor.WorkerOfCommunityA, Actor.InspectorOfDistrict, Actor.StreetAdminOfA, Actor.DistrictAdmin];
    private static readonly Actor[] Editors = [Actor.StreetAdminOfA, Actor.DistrictAdmin];
    private static readonly Actor[] Administrators = [Actor.StreetAdminOfA, Actor.StreetAdminOfB, Actor.DistrictAdmin];
    private static readonly Actor[] RegistryKeepers = [Actor.WorkerOfCommunityA, Actor.StreetAdminOfA, Actor.DistrictAdmin];
    private static readonly Actor[] Units = [Actor.UnitOfCommunityA];

    /// <summary>
    /// Endpoint (with {A} = community A's code, {site} = a site in community A) and who may reach it:
    /// "read" any account whose scope holds A, "edit" the administrators whose scope holds A, "admin" every
    /// administrator (pages that list within the caller's own scope), "registry" those who keep the registry
    /// and whose scope holds A (inspectors read only).
    /// </summary>
    public static TheoryData<string, string> Endpoints() => new()
    {
        { "/Organization/Regions/Details/{A}", "read" },
        { "/Organization/Tree?handler=Children&code={A}", "read" },
        { "/Organization/Sites/Edit/{site}", "read" },
        { "/Organization/Regions/Edit/{A}", "edit" },
        { "/Organization/Regions/Move/{A}", "edit" },
        { "/Organization/Regions/Create?parent={A}", "edit" },
        { "api:/api/v1/regions/{A}", "read" },
        { "api:/api/v1/regions?parent={A}", "read" },
        { "/Registry/Residents/Details/{resident}", "read" },
        { "/Registry/Households/Details/{household}", "read" },
        { "/Registry/Households/AddMember/{household}", "registry" },
        { "api:/api/v1/residents/{resident}", "read" },
        { "/Workforce/Workers/Details/{worker}", "read" },
        { "api:/api/v1/households/{household}", "read" },
        { "api:/api/v1/workers/{worker}", "read" },
        { "/Workforce/WorkLog?worker={worker}", "read" },
        { "/Requests/Details/{request}", "read" },
        { "api:/api/v1/requests/{request}", "read" },
        { "/Services/Tasks/Details/{task}", "read" },
        { "/Opinion/ContactDays/Details/{contactday}", "read" },
        { "/Opinion/Suggestions/Details/{suggestion}", "read" },
        { "/Assessment/Campaigns/Details/{campaign}", "read" },
        { "/Assessment/Campaigns/Details/{campaign}?handler=Audit", "edit" },
        { "api:/api/v1/assessment/campaigns/{campaign}/verify", "edit" },
        { "api:/api/v1/assessment/campaigns/{campaign}/review", "edit" },
        { "api:/api/v1/assessment/appeals/{appeal}", "read" },
        { "/Organization/Units", "staff" },
        { "/Unit", "unit" },
        { "/Unit/Requests/{unitcase}", "unit" },
        { "/Unit/Suggestions/{unitsuggestion}", "unit" },
        { "/Access/Accounts", "admin" },
        { "/Access/Accounts/Create", "admin" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task No_caller_outside_the_scope_gets_a_2xx(string endpoint, string access)
    {
        var siteId = await app.WithDbAsync((db, _) => db.ServiceSites.Where(s => s.Region.Code == ShequFactory.CommunityA && s.Kind == ServiceSiteKind.ServiceHall).Select(s => s.Id).SingleAsync());
        var (residentId, householdId) = await app.WithDbAsync((db, _) => db.Residents.Where(r => r.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(r => new ValueTuple<int, int>(r.Id, r.HouseholdId)).FirstAsync());
        var workerId = await app.WithDbAsync((db, _) => db.Workers.Where(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA)).Select(w => w.Id).FirstAsync());
        var requestId = await app.WithDbAsync((db, _) => db.ServiceRequests.Where(r => r.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(r => r.Id).FirstAsync());
        var taskId = await app.WithDbAsync((db, _) => db.WorkTasks.Where(t => t.Title == "每周消防安全巡查").Select(t => t.Id).SingleAsync());
        var contactDayId = await app.WithDbAsync((db, _) => db.ContactDays.Where(d => d.CommunityCode == ShequFactory.CommunityA).Select(d => d.Id).FirstAsync());
        var suggestionId = await app.WithDbAsync((db, _) => db.Suggestions.Where(x => x.CommunityCode == ShequFactory.CommunityA).Select(x => x.Id).FirstAsync());
        var (unitCaseId, unitSuggestionId) = await RoutedToThePropertyUnitAsync();
        var campaignId = await CommunityACampaignAsync();
        var appealId = await CommunityAAppealAsync(workerId);
        var isApi = endpoint.StartsWith("api:", StringComparison.Ordinal);
        var path = endpoint.Replace("api:", string.Empty, StringComparison.Ordinal)
            .Replace("{A}", ShequFactory.CommunityA, StringComparison.Ordinal)
            .Replace("{site}", siteId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{resident}", residentId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{household}", householdId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{worker}", workerId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{request}", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{task}", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{contactday}", contactDayId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{suggestion}", suggestionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{unitcase}", unitCaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{unitsuggestion}", unitSuggestionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{campaign}", campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{appeal}", appealId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var allowed = access switch
        {
            "edit" => Editors,
            "admin" => Administrators,
            "registry" => RegistryKeepers,
            "unit" => Units,
            "staff" => [.. Enum.GetValues<Actor>().Where(a => a is not (Actor.Anonymous or Actor.UnitOfCommunityA))],
            _ => Readers,
        };

        foreach (var actor in Enum.GetValues<Actor>())
        {
            var client = await ClientForAsync(actor, isApi);
            var response = await client.GetAsync(path);
            var ok = (int)response.StatusCode is >= 200 and < 300;
            ok.ShouldBe(allowed.Contains(actor), $"{actor} GET {path} → {(int)response.StatusCode}");
            if (!ok && actor is Actor.WorkerOfCommunityB or Actor.StreetAdminOfB && access == "read")
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{actor} must not learn that {path} exists");
            }
        }
    }

    private async Task<HttpClient> ClientForAsync(Actor actor, bool api)
    {
        if (actor == Actor.Anonymous)
        {
            return app.NewClient();
        }

        if (actor == Actor.UnitOfCommunityA)
        {
            await Gate.WaitAsync();
            try
            {
                if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "matrix-unit-a")))
                {
                    await app.CreateUnitUserAsync("matrix-unit-a", Shequ.Web.Seeding.DemoDistrict.PropertyUnit);
                }
            }
            finally
            {
                Gate.Release();
            }

            if (!api)
            {
                return await app.SignedInClientAsync("matrix-unit-a");
            }

            var unitClient = app.NewClient();
            unitClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("matrix-unit-a"));
            return unitClient;
        }

        var (name, role, region) = actor switch
        {
            Actor.WorkerOfCommunityA => ("matrix-worker-a", Roles.CommunityStaff, ShequFactory.CommunityA),
            Actor.WorkerOfCommunityB => ("matrix-worker-b", Roles.SocialWorker, ShequFactory.CommunityB),
            Actor.InspectorOfDistrict => ("matrix-inspector", Roles.Inspector, "320591"),
            Actor.StreetAdminOfA => ("matrix-street-a", Roles.StreetAdmin, ShequFactory.StreetA),
            Actor.StreetAdminOfB => ("matrix-street-b", Roles.StreetAdmin, ShequFactory.StreetB),
            _ => ("matrix-district", Roles.DistrictAdmin, "320591"),
        };
        await EnsureUserAsync(name, role, region);
        if (!api)
        {
            return await app.SignedInClientAsync(name);
        }

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync(name));
        return client;
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The demo's case routed to the property company, and a suggestion routed to it (made once).</summary>
    private async Task<(int Case, int Suggestion)> RoutedToThePropertyUnitAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return await app.WithDbAsync(async (db, _) =>
            {
                var unit = await db.HandlingUnits.SingleAsync(u => u.Name == Shequ.Web.Seeding.DemoDistrict.PropertyUnit);
                var caseId = await db.ServiceRequests.Where(r => r.HandlerUnitId == unit.Id).Select(r => r.Id).FirstAsync();
                var suggestion = await db.Suggestions.FirstOrDefaultAsync(x => x.HandlerUnitId == unit.Id);
                if (suggestion is null)
                {
                    var today = DateOnly.FromDateTime(DateTime.Today);
                    suggestion = Shequ.Domain.Opinion.Suggestion.Submit(
                        new Shequ.Domain.Opinion.SuggestionIntake(ShequFactory.CommunityA, Shequ.Domain.Opinion.SuggestionSource.PublicForm, "电梯经常停运", null, null, null),
                        Shequ.Domain.Opinion.OpinionCategory.Other, ["电梯"], "matrix", DateTime.UtcNow);
                    suggestion.ConfirmCategory(Shequ.Domain.Opinion.OpinionCategory.Other, "matrix");
                    suggestion.Route(unit.Kind, unit.Name, today.AddDays(7), today, unit.Id);
                    db.Suggestions.Add(suggestion);
                    await db.SaveChangesAsync();
                }

                return (caseId, suggestion.Id);
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An evaluation campaign over community A (made once; its draw is empty, which verifies as MATCH).</summary>
    private async Task<int> CommunityACampaignAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return await app.WithDbAsync(async (db, _) =>
            {
                var existing = await db.EvaluationCampaigns.Where(c => c.RegionCode == ShequFactory.CommunityA && c.CreatedBy == "matrix").Select(c => (int?)c.Id).FirstOrDefaultAsync();
                if (existing is { } id)
                {
                    return id;
                }

                var period = await db.AssessmentPeriods.FirstAsync(p => p.Quarter != null);
                var campaign = Shequ.Domain.Assessment.EvaluationCampaign.Start(period, ShequFactory.CommunityA, Shequ.Domain.Assessment.SampleRule.Default, 1, string.Empty, "k", DateTime.UtcNow, 14, "matrix");
                db.EvaluationCampaigns.Add(campaign);
                await db.SaveChangesAsync();
                return campaign.Id;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An appeal by a worker of community A against a period published for the purpose (made once).</summary>
    private async Task<int> CommunityAAppealAsync(int workerId)
    {
        await Gate.WaitAsync();
        try
        {
            return await app.WithDbAsync(async (db, _) =>
            {
                var existing = await db.ScoreAppeals.Where(a => a.WorkerId == workerId && a.Text == "matrix").Select(a => (int?)a.Id).FirstOrDefaultAsync();
                if (existing is { } id)
                {
                    return id;
                }

                var today = DateOnly.FromDateTime(DateTime.Today);
                var period = Shequ.Domain.Assessment.AssessmentPeriod.For("320591", 2023, 1);
                period.Close(period.EndsOn);
                period.Publicize(today, 7, "[]");
                db.AssessmentPeriods.Add(period);
                await db.SaveChangesAsync();
                var appeal = Shequ.Domain.Assessment.ScoreAppeal.File(period, workerId, "matrix", today);
                db.ScoreAppeals.Add(appeal);
                await db.SaveChangesAsync();
                return appeal.Id;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task EnsureUserAsync(string name, string role, string region)
    {
        await Gate.WaitAsync();
        try
        {
            if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == name)))
            {
                await app.CreateUserAsync(name, role, region);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
