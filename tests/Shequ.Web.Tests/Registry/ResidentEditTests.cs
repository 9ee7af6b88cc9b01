using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Registry;

public class ResidentEditTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "edit-worker")))
        {
            await app.CreateUserAsync("edit-worker", Roles.SocialWorker, ShequFactory.CommunityA);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<Resident> HeadInCommunityAAsync() => app.WithDbAsync((db, _) =>
        db.Residents.Include(r => r.Groups).Where(r => r.RegionCode.StartsWith(ShequFactory.CommunityA) && r.Relation == RelationToHead.Head).OrderBy(r => r.Id).FirstAsync());

    [Fact]
    public async Task A_key_recipient_needs_a_reason_and_keeps_the_mobile_on_file_when_the_box_is_empty()
    {
        var resident = await HeadInCommunityAAsync();
        var client = await app.SignedInClientAsync("edit-worker");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = resident.Name,
            ["Input.Relation"] = nameof(RelationToHead.Head),
            ["Input.Status"] = nameof(ResidentStatus.Living),
            ["Input.CareLevel"] = nameof(CareLevel.Key),
            ["Input.CareReason"] = "",
            ["Input.Version"] = resident.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var refused = await client.PostFormAsync($"/Registry/Residents/Edit/{resident.Id}", fields);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("重点服务对象须注明原因");

        fields["Input.CareReason"] = "独居，行动不便";
        (await client.PostFormAsync($"/Registry/Residents/Edit/{resident.Id}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await HeadInCommunityAAsync();
        after.CareLevel.ShouldBe(CareLevel.Key);
        after.PhoneCipher.ShouldBe(resident.PhoneCipher);
    }

    [Fact]
    public async Task A_disability_is_recorded_only_with_the_residents_own_certificate()
    {
        var resident = await HeadInCommunityAAsync();
        var id = await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<IPersonalDataSealer>().Open(Resident.IdPurpose, resident.IdCipher)));
        var client = await app.SignedInClientAsync("edit-worker");

        var missing = await client.PostFormAsync($"/Registry/Residents/Edit/{resident.Id}?handler=JoinGroup", new() { ["Join.Group"] = nameof(SpecialGroup.Disability), ["Join.Evidence"] = "残联" });
        (await missing.Content.ReadAsStringAsync()).ShouldContain("残疾人证号");

        var ok = await client.PostFormAsync($"/Registry/Residents/Edit/{resident.Id}?handler=JoinGroup", new()
        {
            ["Join.Group"] = nameof(SpecialGroup.Disability),
            ["Join.Evidence"] = "残联核发",
            ["Join.Certificate"] = id + "31",
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var membership = (await HeadInCommunityAAsync()).Groups.Single(g => g.Group == SpecialGroup.Disability && g.Until == null);
        membership.DisabilityCategory.ShouldBe(DisabilityCategory.Speech);
        membership.DisabilityGrade.ShouldBe(1);

        (await client.PostFormAsync($"/Registry/Residents/Edit/{resident.Id}?handler=LeaveGroup", new() { ["group"] = nameof(SpecialGroup.Disability) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HeadInCommunityAAsync()).Groups.Where(g => g.Group == SpecialGroup.Disability).ShouldAllBe(g => g.Until != null);
    }
}

public class ResidentMoveTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task A_resident_moves_into_another_household_of_the_street_and_the_history_records_it()
    {
        await app.CreateUserAsync("move-street", Roles.StreetAdmin, ShequFactory.StreetA);
        var (residentId, targetId) = await app.WithDbAsync(async (db, _) =>
        {
            var resident = await db.Residents.Where(r => r.RegionCode.StartsWith(ShequFactory.CommunityA) && r.Relation != RelationToHead.Head).OrderBy(r => r.Id).FirstAsync();
            var target = await db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityA2)).OrderBy(h => h.Id).FirstAsync();
            return (resident.Id, target.Id);
        });
        var client = await app.SignedInClientAsync("move-street");

        var moved = await client.PostFormAsync($"/Registry/Residents/Edit/{residentId}?handler=Move", new()
        {
            ["householdId"] = targetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["relation"] = nameof(RelationToHead.Parent),
        });

        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await moved.Content.ReadAsStringAsync());
        var after = await app.WithDbAsync((db, _) => db.Residents.SingleAsync(r => r.Id == residentId));
        after.HouseholdId.ShouldBe(targetId);
        after.RegionCode.ShouldStartWith(ShequFactory.CommunityA2);
        (await client.GetStringAsync($"/Registry/Residents/Details/{residentId}")).ShouldContain("HouseholdId");

        var outside = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityB)).Select(h => h.Id).FirstAsync());
        var refused = await client.PostFormAsync($"/Registry/Residents/Edit/{residentId}?handler=Move", new()
        {
            ["householdId"] = outside.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["relation"] = nameof(RelationToHead.Child),
        });
        (await refused.Content.ReadAsStringAsync()).ShouldContain("不在您的管辖范围内");
    }
}
