using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Data.Audit;
using Shequ.Domain.Access;
using Shequ.Domain.Registry;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Registry;

public sealed class TightDuplicateChecksFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Shequ:Registry:ElsewhereAnswersPerHour"] = "3" };
}

/// <summary>
/// Issue 15 (A6, C13): registering an ID number must look across the district, so a street administrator could probe
/// which numbers are registered elsewhere. The answer says no more than "elsewhere, ask the district", every such
/// answer is audited, and an account that keeps asking runs out of answers.
/// </summary>
public class DuplicateIdentityTests(TightDuplicateChecksFactory app) : IClassFixture<TightDuplicateChecksFactory>
{
    [Fact]
    public async Task Another_streets_resident_is_only_registered_elsewhere_audited_and_rate_limited()
    {
        var (residentId, idNumber) = await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();
            var r = await db.Residents.IgnoreQueryFilters().Include(x => x.Household).FirstAsync(x => x.Household!.RegionCode.StartsWith(ShequFactory.CommunityA));
            return (r.Id, sealer.Open(Resident.IdPurpose, r.IdCipher));
        });
        var streetB = await app.BearerClientAsync("dup-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        var householdB = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityB)).Select(h => h.Id).FirstAsync());
        var audited = await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == AuditActions.DuplicateElsewhere));
        var streetA = ShequFactory.StreetA[..9];
        var names = await app.WithDbAsync((db, _) => db.Regions.Where(r => r.Code.StartsWith(streetA)).Select(r => r.Name).ToListAsync());

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await streetB.PostAsJsonAsync("/api/v1/residents", new { householdId = householdB, name = "试探", idNumber, relation = "Child" }));
        }

        answers[..3].ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict);
        var said = await answers[0].Content.ReadAsStringAsync();
        said.ShouldContain("该身份证号已在其他地区登记。如需迁入本辖区，请联系区级管理员办理转移。");
        names.ShouldAllBe(n => !said.Contains(n, StringComparison.Ordinal), "nothing says where");
        said.ShouldNotContain(residentId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",");
        answers[3].StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == AuditActions.DuplicateElsewhere))).ShouldBe(audited + 3);
    }

    [Fact]
    public async Task A_duplicate_within_the_callers_own_area_says_so()
    {
        var worker = await app.BearerClientAsync("dup-community-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var household = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(h => h.Id).FirstAsync());
        var id = IdNumber.Compose("110105", new DateOnly(1988, 8, 8), 33).Value;
        (await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = household, name = "本地重复", idNumber = id, relation = "Child" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await worker.PostAsJsonAsync("/api/v1/residents", new { householdId = household, name = "本地重复", idNumber = id, relation = "Child" });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("该身份证号已在本辖区登记");
    }
}
