using Shequ.Domain.Access;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests.Access;

public class RolesTests
{
    [Fact]
    public void The_roles_have_their_keys_and_chinese_names()
    {
        Roles.All.Select(Roles.ChineseName).ShouldBe(["系统管理员", "区级管理员", "街道管理员", "社区工作人员", "社工", "督查员", "民意志愿者", "承办单位"]);
        Roles.All.ShouldBe(["system-admin", "district-admin", "street-admin", "community-staff", "social-worker", "inspector", "opinion-volunteer", "unit-handler"]);
        Roles.Staff.ShouldNotContain(Roles.UnitHandler, "a handling unit is not the community's staff");
        Roles.ReplyPublishers.ShouldNotContain(Roles.UnitHandler, "a unit does not publish its own reply");
    }

    [Theory]
    [InlineData(Roles.DistrictAdmin, RegionLevel.District, true)]
    [InlineData(Roles.DistrictAdmin, RegionLevel.Street, false)]
    [InlineData(Roles.StreetAdmin, RegionLevel.Street, true)]
    [InlineData(Roles.StreetAdmin, RegionLevel.Community, false)]
    [InlineData(Roles.CommunityStaff, RegionLevel.Community, true)]
    [InlineData(Roles.SocialWorker, RegionLevel.Grid, true)]
    [InlineData(Roles.CommunityStaff, RegionLevel.Street, false)]
    [InlineData(Roles.Inspector, RegionLevel.Street, true)]
    [InlineData(Roles.OpinionVolunteer, RegionLevel.Community, true)]
    [InlineData(Roles.OpinionVolunteer, RegionLevel.Street, false)]
    public void An_account_is_bound_to_a_region_of_its_roles_level(string role, RegionLevel level, bool fits) =>
        Roles.FitsRegionLevel(role, level).ShouldBe(fits);

    [Fact]
    public void Only_the_system_administrator_needs_no_region()
    {
        Roles.All.Where(r => !Roles.NeedsRegion(r)).ShouldBe([Roles.SystemAdmin]);
        Roles.OrganizationEditors.ShouldNotContain(Roles.Inspector);
    }
}

public class GrantingRolesTests
{
    [Theory]
    [InlineData(Roles.SystemAdmin, Roles.SystemAdmin, true)]
    [InlineData(Roles.DistrictAdmin, Roles.SystemAdmin, false)]
    [InlineData(Roles.DistrictAdmin, Roles.StreetAdmin, true)]
    [InlineData(Roles.StreetAdmin, Roles.DistrictAdmin, false)]
    [InlineData(Roles.StreetAdmin, Roles.CommunityStaff, true)]
    [InlineData(Roles.StreetAdmin, Roles.Inspector, true)]
    [InlineData(Roles.StreetAdmin, Roles.OpinionVolunteer, true)]
    [InlineData(Roles.CommunityStaff, Roles.OpinionVolunteer, false)]
    [InlineData(Roles.CommunityStaff, Roles.SocialWorker, false)]
    [InlineData(Roles.Inspector, Roles.Inspector, false)]
    [InlineData(Roles.DistrictAdmin, "made-up", false)]
    public void An_administrator_grants_only_roles_at_or_below_their_own(string granter, string role, bool allowed) =>
        Roles.CanGrant([granter], role).ShouldBe(allowed);
}
