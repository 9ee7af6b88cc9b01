using System.Text;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;

namespace Shequ.Domain.Tests.Registry;

/// <summary>
/// A transparent stand-in for the data layer's AES-GCM sealer (tested on its own in Shequ.Web.Tests), so these
/// rules can be read without a key ring.
/// </summary>
internal sealed class TransparentSealer : IPersonalDataSealer
{
    public SealedValue Seal(string purpose, string plaintext) => new("t:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext)), BlindIndex(purpose, plaintext));

    public string Open(string purpose, string cipher) => Encoding.UTF8.GetString(Convert.FromBase64String(cipher[2..]));

    public string BlindIndex(string purpose, string plaintext) => purpose + "#" + plaintext.Length + "#" + plaintext.GetHashCode(StringComparison.Ordinal);
}

public class RegistryTests
{
    private static readonly TransparentSealer Sealer = new();
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Region District = Region.Create(null, "320591", "明湖区");
    private static readonly Region Street = Region.Create(District, "320591001000", "湖滨街道");
    private static readonly Region Community = Region.Create(Street, "320591001001", "湖滨社区", UrbanRuralClass.MainUrbanArea);
    private static readonly Region Grid = Region.Create(Community, "320591001001002", "第2网格");

    private static IdNumber Id(string value)
    {
        IdNumber.TryParse(value, Today, out var id, out _).ShouldBeTrue();
        return id;
    }

    private static Household Flat() => Household.Register(Grid, new HouseholdAddress("3", "2", "301", null), DwellingType.Apartment, Sealer);

    [Fact]
    public void A_household_lives_in_a_community_or_one_of_its_grids_never_on_a_street()
    {
        Flat().RegionCode.ShouldBe("320591001001002");
        Household.Register(Community, new HouseholdAddress(null, null, "12号", "第三村民小组"), DwellingType.Bungalow, Sealer).DwellingType.ShouldBe(DwellingType.Bungalow);
        Should.Throw<BusinessRuleViolationException>(() => Household.Register(Street, new HouseholdAddress("1", null, "101", null), DwellingType.Apartment, Sealer))
            .Code.ShouldBe("Household.Region");
    }

    [Fact]
    public void A_household_needs_a_building_and_room_or_a_village_group()
    {
        Should.Throw<BusinessRuleViolationException>(() => Household.Register(Grid, new HouseholdAddress(null, "2", null, null), DwellingType.Apartment, Sealer))
            .Code.ShouldBe("Household.Address");
    }

    [Fact]
    public void The_address_is_sealed_and_opens_to_the_same_structure()
    {
        var household = Flat();
        household.AddressCipher.ShouldNotContain("301");
        household.Address(Sealer).ShouldBe(new HouseholdAddress("3", "2", "301", null));
        household.Address(Sealer).ToString().ShouldBe("3幢2单元301室");
    }

    [Fact]
    public void A_residents_sex_and_birth_date_come_from_the_id_number()
    {
        var resident = Resident.Register(Flat(), "李秀英", Id("110105198001010024"), null, RelationToHead.Head, Sealer);
        resident.Sex.ShouldBe(Sex.Female);
        resident.BirthDate.ShouldBe(new DateOnly(1980, 1, 1));
        resident.IdCipher.ShouldNotContain("110105198001010024");
        Sealer.Open(Resident.IdPurpose, resident.IdCipher).ShouldBe("110105198001010024");
        resident.RegionCode.ShouldBe("320591001001002");
    }

    [Fact]
    public void An_invalid_name_is_refused_with_its_reason() =>
        Should.Throw<BusinessRuleViolationException>(() => Resident.Register(Flat(), "  ", Id("110105198001010024"), null, RelationToHead.Head, Sealer))
            .Message.ShouldBe("请填写姓名。");

    [Fact]
    public void Age_groups_follow_from_the_birth_date()
    {
        var old = Resident.Register(Flat(), "王建国", Id("11010519491231002X"), null, RelationToHead.Head, Sealer);
        old.GroupsOn(Today).ShouldBe([SpecialGroup.Elderly60], ignoreOrder: true);
        old.GroupsOn(new DateOnly(2030, 1, 1)).ShouldBe([SpecialGroup.Elderly60, SpecialGroup.Elderly80], ignoreOrder: true);
        var child = Resident.Register(Flat(), "王小明", IdNumber.Compose("320591", new DateOnly(2015, 6, 1), 11), null, RelationToHead.Grandchild, Sealer);
        child.GroupsOn(Today).ShouldContain(SpecialGroup.Minor);
    }

    [Fact]
    public void A_key_recipient_needs_a_reason()
    {
        var resident = Resident.Register(Flat(), "王建国", Id("11010519491231002X"), null, RelationToHead.Head, Sealer);
        Should.Throw<BusinessRuleViolationException>(() => resident.SetCare(CareLevel.Key, " "));
        resident.SetCare(CareLevel.Key, "独居，行动不便");
        resident.CareLevel.ShouldBe(CareLevel.Key);
    }

    [Fact]
    public void Group_memberships_are_dated_and_rejoining_closes_the_open_one()
    {
        var resident = Resident.Register(Flat(), "王建国", Id("11010519491231002X"), null, RelationToHead.Head, Sealer);
        var holder = Id("11010519491231002X");
        resident.JoinGroup(SpecialGroup.Dibao, new DateOnly(2024, 3, 1), Today, "民政审批 2024-017", null, holder, Sealer);
        resident.JoinGroup(SpecialGroup.Dibao, new DateOnly(2025, 3, 1), Today, "年审", null, holder, Sealer);

        resident.Groups.Count.ShouldBe(2);
        resident.Groups[0].Until.ShouldBe(new DateOnly(2025, 2, 28));
        resident.GroupsOn(new DateOnly(2024, 6, 1)).ShouldContain(SpecialGroup.Dibao);

        resident.LeaveGroup(SpecialGroup.Dibao, new DateOnly(2026, 1, 31));
        resident.GroupsOn(Today).ShouldNotContain(SpecialGroup.Dibao);
        Should.Throw<BusinessRuleViolationException>(() => resident.JoinGroup(SpecialGroup.Unemployed, Today.AddDays(1), Today, null, null, holder, Sealer));
    }

    [Fact]
    public void A_disability_needs_the_holders_own_certificate_which_is_sealed()
    {
        var holder = Id("11010519491231002X");
        var resident = Resident.Register(Flat(), "王建国", holder, null, RelationToHead.Head, Sealer);
        DisabilityCertificate.TryParse("11010519491231002X42", Today, out var own).ShouldBeTrue();
        DisabilityCertificate.TryParse("11010519800101001641", Today, out var someoneElses).ShouldBeTrue();

        Should.Throw<BusinessRuleViolationException>(() => resident.JoinGroup(SpecialGroup.Disability, Today, Today, null, null, holder, Sealer));
        Should.Throw<BusinessRuleViolationException>(() => resident.JoinGroup(SpecialGroup.Disability, Today, Today, null, someoneElses, holder, Sealer));
        resident.JoinGroup(SpecialGroup.Disability, Today, Today, "残联核发", own, holder, Sealer);

        var membership = resident.Groups.Single();
        membership.DisabilityCategory.ShouldBe(DisabilityCategory.Physical);
        membership.DisabilityGrade.ShouldBe(2);
        membership.CertificateCipher.ShouldNotBeNull();
        membership.CertificateCipher.ShouldNotContain("11010519491231002X");
    }

    [Fact]
    public void Moving_to_another_household_takes_its_region()
    {
        var resident = Resident.Register(Flat(), "王建国", Id("11010519491231002X"), null, RelationToHead.Head, Sealer);
        var otherStreet = Region.Create(District, "320591002000", "双塔街道");
        var other = Region.Create(otherStreet, "320591002001", "双塔社区", UrbanRuralClass.MainUrbanArea);
        resident.MoveTo(Household.Register(other, new HouseholdAddress("8", null, "602", null), DwellingType.Apartment, Sealer), RelationToHead.Parent);
        resident.RegionCode.ShouldBe("320591002001");
        resident.Relation.ShouldBe(RelationToHead.Parent);
    }
}
