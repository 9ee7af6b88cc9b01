using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Registry;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Registry;

public class RegistryApiTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Posting_a_resident_validates_refuses_duplicates_and_respects_roles_and_scope()
    {
        var worker = await app.BearerClientAsync("api-worker", Roles.CommunityStaff, ShequFactory.CommunityA);
        var householdA = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(h => h.Id).FirstAsync());
        var householdB = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityB)).Select(h => h.Id).FirstAsync());
        var id = IdNumber.Compose("110105", new DateOnly(1999, 9, 9), 77).Value;

        var invalid = await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = householdA, name = "接口测试", idNumber = "110105194912310021", relation = "Child" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("校验位不正确");

        var created = await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = householdA, name = "接口测试", idNumber = id, mobile = "13700000000", relation = "Child" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadAsStringAsync();
        body.ShouldContain("\"idNumber\":\"1***************");
        body.ShouldNotContain(id);

        (await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = householdA, name = "接口测试", idNumber = id, relation = "Child" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = householdB, name = "越界", idNumber = IdNumber.Compose("110105", new DateOnly(1999, 9, 9), 79).Value, relation = "Child" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var inspector = await app.BearerClientAsync("api-inspector", Roles.Inspector, "320591");
        (await inspector.PostAsJsonAsync("/api/v1/residents", new { householdId = householdA, name = "督查", idNumber = IdNumber.Compose("110105", new DateOnly(1999, 9, 9), 81).Value, relation = "Child" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Households_and_workers_are_created_over_the_api_within_scope()
    {
        var street = await app.BearerClientAsync("api-street-w", Roles.StreetAdmin, ShequFactory.StreetA);
        var household = await street.PostAsJsonAsync("/api/v1/households", new { regionCode = ShequFactory.CommunityA2, building = "21", unit = "3", room = "402", dwelling = "Apartment" });
        household.StatusCode.ShouldBe(HttpStatusCode.Created, await household.Content.ReadAsStringAsync());
        (await household.Content.ReadAsStringAsync()).ShouldContain("21幢3单元***室");
        (await street.PostAsJsonAsync("/api/v1/households", new { regionCode = ShequFactory.CommunityA2, unit = "3", dwelling = "Apartment" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await street.PostAsJsonAsync("/api/v1/households", new { regionCode = ShequFactory.CommunityB, building = "1", room = "101", dwelling = "Apartment" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var worker = await street.PostAsJsonAsync("/api/v1/workers", new
        {
            employerCode = ShequFactory.StreetA, name = "接口社工", position = "社工", category = "ProfessionalSocialWorker",
            qualification = "SocialWorker", qualificationYear = 2020, startDate = "2019-05-01", assignments = new[] { ShequFactory.CommunityA },
        });
        worker.StatusCode.ShouldBe(HttpStatusCode.Created, await worker.Content.ReadAsStringAsync());
        (await street.PostAsJsonAsync("/api/v1/workers", new { employerCode = ShequFactory.StreetA, name = "缺年份", category = "ProfessionalSocialWorker", qualification = "SocialWorker", startDate = "2019-05-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Households_and_workers_are_listed_within_scope()
    {
        var street = await app.BearerClientAsync("api-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var households = await street.GetFromJsonAsync<List<Shequ.Web.Modules.Registry.RegistryEndpoints.HouseholdDto>>("/api/v1/households?pageSize=200");
        households.ShouldNotBeNull();
        households.ShouldNotBeEmpty();
        households.ShouldAllBe(h => h.RegionCode.StartsWith("320591001", StringComparison.Ordinal) && h.Address.Contains("***"));
        var workers = await street.GetFromJsonAsync<List<Shequ.Web.Modules.Workforce.WorkforceEndpoints.WorkerDto>>("/api/v1/workers");
        workers.ShouldNotBeNull();
        workers.ShouldNotBeEmpty();
    }
}
