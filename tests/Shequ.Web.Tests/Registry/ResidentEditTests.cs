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
