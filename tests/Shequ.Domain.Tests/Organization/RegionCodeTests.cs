using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests.Organization;

public class RegionCodeTests
{
    [Theory]
    [InlineData("320591", RegionLevel.District)]
    [InlineData("320591001000", RegionLevel.Street)]
    [InlineData("110101001001", RegionLevel.Community)]
    [InlineData("130111200201", RegionLevel.Community)]
    [InlineData("320591001001003", RegionLevel.Grid)]
    public void A_codes_length_and_tail_tell_its_level(string code, RegionLevel level) =>
        RegionCode.LevelOf(code).ShouldBe(level);

    [Theory]
    [InlineData("")]
    [InlineData("32059")]
    [InlineData("3205910010")]
    [InlineData("32059100100A")]
    [InlineData(null)]
    public void Malformed_codes_have_no_level(string? code) => RegionCode.LevelOf(code).ShouldBeNull();

    [Fact]
    public void The_standards_examples_are_a_residents_committee_and_a_villagers_committee()
    {
        RegionCode.CommunityKindOf("110101001001").ShouldBe(CommunityKind.ResidentsCommittee);
        RegionCode.CommunityKindOf("130111200201").ShouldBe(CommunityKind.VillagersCommittee);
        RegionCode.CommunityKindOf("110101001498").ShouldBe(CommunityKind.ResidentsCommitteeLike);
        RegionCode.CommunityKindOf("110101001598").ShouldBe(CommunityKind.VillagersCommitteeLike);
    }

    [Theory]
    [InlineData("110101001000", StreetKind.Subdistrict)]
    [InlineData("320591100000", StreetKind.Town)]
    [InlineData("320591200000", StreetKind.Township)]
    [InlineData("320591400000", StreetKind.OtherTownLevel)]
    public void Town_level_digits_tell_a_street_from_a_town(string code, StreetKind kind) =>
        RegionCode.StreetKindOf(code).ShouldBe(kind);

    [Theory]
    [InlineData("320591001000", "320591")]
    [InlineData("320591001001", "320591001000")]
    [InlineData("320591001001003", "320591001001")]
    public void Every_code_implies_its_parents_code(string code, string parent) =>
        RegionCode.ImpliedParentCode(code).ShouldBe(parent);

    [Fact]
    public void A_district_has_no_implied_parent() => RegionCode.ImpliedParentCode("320591").ShouldBeNull();

    [Theory]
    [InlineData(RegionLevel.District, "320591", "320591")]
    [InlineData(RegionLevel.Street, "320591001000", "320591001")]
    [InlineData(RegionLevel.Community, "320591001001", "320591001001")]
    [InlineData(RegionLevel.Grid, "320591001001003", "320591001001003")]
    public void A_subtree_is_the_codes_sharing_a_prefix(RegionLevel level, string code, string prefix) =>
        RegionCode.SubtreePrefix(level, code).ShouldBe(prefix);

    [Fact]
    public void A_community_of_another_street_is_outside_the_streets_subtree()
    {
        var prefix = RegionCode.SubtreePrefix(RegionLevel.Street, "320591001000");
        "320591001006".StartsWith(prefix, StringComparison.Ordinal).ShouldBeTrue();
        "320591002001".StartsWith(prefix, StringComparison.Ordinal).ShouldBeFalse();
    }

    [Fact]
    public void Recoding_replaces_only_the_ancestors_part() =>
        RegionCode.Recode("320591001001003", "320591001001", "320591002007").ShouldBe("320591002007003");

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("320591001000", "320591001")]
    [InlineData(" 320591001001 ", "320591001001")]
    [InlineData("320591001001002", "320591001001002")]
    public void A_filter_on_a_region_is_its_subtree(string? under, string? prefix) => RegionCode.FilterPrefix(under).ShouldBe(prefix);

    [Theory]
    [InlineData("没有这个社区")]
    [InlineData("32059100100")]
    public void A_filter_on_something_that_is_no_code_matches_no_code(string under)
    {
        var prefix = RegionCode.FilterPrefix(under)!;
        "320591001001".StartsWith(prefix, StringComparison.Ordinal).ShouldBeFalse();
        "".StartsWith(prefix, StringComparison.Ordinal).ShouldBeFalse();
    }
}
