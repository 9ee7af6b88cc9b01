using Shequ.Domain.Common;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests.Organization;

public class RegionTests
{
    private static readonly Region District = Region.Create(null, "320591", "明湖区");
    private static readonly Region Street = Region.Create(District, "320591001000", "湖滨街道");
    private static readonly Region Community = Region.Create(Street, "320591001001", "湖滨社区", UrbanRuralClass.MainUrbanArea);

    private static void ShouldBreak(string code, Action act) =>
        Should.Throw<BusinessRuleViolationException>(act).Code.ShouldBe(code);

    [Fact]
    public void A_level_follows_from_the_parent()
    {
        District.Level.ShouldBe(RegionLevel.District);
        Street.Level.ShouldBe(RegionLevel.Street);
        Community.Level.ShouldBe(RegionLevel.Community);
        Region.Create(Community, "320591001001001", "第1网格").Level.ShouldBe(RegionLevel.Grid);
    }

    [Fact]
    public void A_grid_never_hangs_off_a_street() =>
        ShouldBreak("Region.ParentLevel", () => Region.Create(RegionLevel.Grid, Street, "320591001001001", "第1网格"));

    [Fact]
    public void A_district_never_has_a_parent() =>
        ShouldBreak("Region.ParentLevel", () => Region.Create(RegionLevel.District, Street, "320592", "别的区"));

    [Fact]
    public void Nothing_hangs_below_a_grid()
    {
        var grid = Region.Create(Community, "320591001001001", "第1网格");
        Should.Throw<BusinessRuleViolationException>(() => Region.Create(grid, "320591001001001001", "x"));
    }

    [Theory]
    [InlineData("320591001")]
    [InlineData("320591001001")]
    [InlineData("320591600000")]
    [InlineData("320591000000")]
    public void A_street_code_is_twelve_digits_ending_in_000_with_town_digits_001_to_599(string code) =>
        ShouldBreak("Region.CodeMustFitLevel", () => Region.Create(District, code, "街道"));

    [Theory]
    [InlineData("320500")]
    [InlineData("3205910")]
    [InlineData("32A591")]
    public void A_district_code_is_a_county_level_gbt2260_code(string code) =>
        ShouldBreak("Region.CodeMustFitLevel", () => Region.Create(null, code, "区"));

    [Fact]
    public void A_community_code_must_extend_its_streets_code() =>
        ShouldBreak("Region.CodeExtendsParent", () => Region.Create(Street, "320591002001", "别街社区", UrbanRuralClass.MainUrbanArea));

    [Fact]
    public void A_community_without_an_urban_rural_class_is_refused() =>
        ShouldBreak("Region.UrbanRuralClass", () => Region.Create(Street, "320591001002", "柳岸社区"));

    [Fact]
    public void A_street_with_an_urban_rural_class_is_refused() =>
        ShouldBreak("Region.UrbanRuralClass", () => Region.Create(District, "320591002000", "双塔街道", UrbanRuralClass.MainUrbanArea));

    [Fact]
    public void An_undefined_urban_rural_class_is_refused() =>
        ShouldBreak("Region.UrbanRuralClass", () => Region.Create(Street, "320591001002", "柳岸社区", (UrbanRuralClass)999));

    [Fact]
    public void A_name_is_required_and_at_most_100_characters()
    {
        ShouldBreak("Region.Name", () => Region.Create(District, "320591002000", "  "));
        ShouldBreak("Region.Name", () => Region.Create(District, "320591002000", new string('街', 101)));
        Region.Create(District, "320591002000", new string('街', 100)).Name.Length.ShouldBe(100);
    }

    [Fact]
    public void Editing_bumps_the_version_used_for_concurrency()
    {
        var street = Region.Create(District, "320591003000", "金桥街道");
        street.Update("金桥新区街道", null);
        street.Name.ShouldBe("金桥新区街道");
        street.Version.ShouldBe(1);
    }

    [Fact]
    public void Moving_a_community_recodes_its_grids()
    {
        var streetB = Region.Create(District, "320591002000", "双塔街道");
        var community = Region.Create(Street, "320591001005", "桂花社区", UrbanRuralClass.MainUrbanArea);
        var grids = new[] { Region.Create(community, "320591001005001", "第1网格"), Region.Create(community, "320591001005002", "第2网格") };

        community.MoveTo(streetB, "320591002009", grids);

        community.Code.ShouldBe("320591002009");
        community.Parent.ShouldBe(streetB);
        grids.Select(g => g.Code).ShouldBe(["320591002009001", "320591002009002"]);
    }

    [Fact]
    public void Moving_keeps_the_level_rules()
    {
        var community = Region.Create(Street, "320591001005", "桂花社区", UrbanRuralClass.MainUrbanArea);
        ShouldBreak("Region.ParentLevel", () => community.MoveTo(District, "320591002009", []));
        ShouldBreak("Region.CodeExtendsParent", () => community.MoveTo(Street, "320591002009", []));
    }

    [Fact]
    public void A_region_contains_its_subtree_only()
    {
        Street.Contains("320591001001001").ShouldBeTrue();
        Street.Contains("320591002001").ShouldBeFalse();
    }
}
