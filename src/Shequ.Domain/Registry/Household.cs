using Shequ.Domain.Common;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Registry;

/// <summary>平房 / 楼房 (E7-2): how the household lives, which decides how it is visited and served.</summary>
public enum DwellingType
{
    Bungalow = 1,
    Apartment = 2,
}

public enum HouseholdStatus
{
    Living = 1,
    MovedOut = 2,
    Dissolved = 3,
}

/// <summary>A structured address: building, unit and room in a community, or a group (村民小组) in a village.</summary>
public sealed record HouseholdAddress(string? Building, string? Unit, string? Room, string? VillageGroup)
{
    /// <summary>One canonical line: what is encrypted, and what the blind index of an address search compares.</summary>
    public string Canonical =>
        string.Join('|', new[] { Building, Unit, Room, VillageGroup }.Select(p => (p ?? string.Empty).Trim().ToUpperInvariant()));

    public static HouseholdAddress FromCanonical(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var p = canonical.Split('|');
        string? Part(int i) => i < p.Length && p[i].Length > 0 ? p[i] : null;
        return new HouseholdAddress(Part(0), Part(1), Part(2), Part(3));
    }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Building) && string.IsNullOrWhiteSpace(Room) && string.IsNullOrWhiteSpace(VillageGroup);

    public override string ToString() => VillageGroup is { Length: > 0 } g
        ? $"{g}{(Room is { Length: > 0 } r ? " " + r : string.Empty)}"
        : $"{Building}幢{(Unit is { Length: > 0 } u ? u + "单元" : string.Empty)}{Room}室";
}

/// <summary>A household registered in one community or village (and, when known, one of its grids).</summary>
public sealed class Household : Entity
{
    public const string AddressPurpose = "household.address";

    private Household()
    {
        RegionCode = string.Empty;
        AddressCipher = string.Empty;
        AddressIndex = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The community, or the grid within it, the household belongs to.</summary>
    public int RegionId { get; private set; }

    /// <summary>Copied from the region so that the scope filter needs no join.</summary>
    public string RegionCode { get; private set; }

    public string AddressCipher { get; private set; }

    public string AddressIndex { get; private set; }

    public DwellingType DwellingType { get; private set; }

    public HouseholdStatus Status { get; private set; }

    public static Household Register(Region region, HouseholdAddress address, DwellingType dwelling, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(region);
        CheckRule(new HouseholdsBelongToACommunityOrGridRule(region.Level));
        var household = new Household { RegionId = region.Id, RegionCode = region.Code, Status = HouseholdStatus.Living };
        household.Apply(address, dwelling, sealer);
        return household;
    }

    public void Update(HouseholdAddress address, DwellingType dwelling, IPersonalDataSealer sealer)
    {
        Apply(address, dwelling, sealer);
        Touch();
    }

    public void MoveOut()
    {
        Status = HouseholdStatus.MovedOut;
        Touch();
    }

    public void MoveBackIn()
    {
        Status = HouseholdStatus.Living;
        Touch();
    }

    public HouseholdAddress Address(IPersonalDataSealer sealer) =>
        HouseholdAddress.FromCanonical((sealer ?? throw new ArgumentNullException(nameof(sealer))).Open(AddressPurpose, AddressCipher));

    private void Apply(HouseholdAddress address, DwellingType dwelling, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(sealer);
        CheckRule(new AHouseholdHasAnAddressRule(address));
        CheckRule(new DwellingTypeIsKnownRule(dwelling));
        var sealedAddress = sealer.Seal(AddressPurpose, address.Canonical);
        AddressCipher = sealedAddress.Cipher;
        AddressIndex = sealedAddress.Index;
        DwellingType = dwelling;
    }
}

public sealed class HouseholdsBelongToACommunityOrGridRule(RegionLevel level) : IBusinessRule
{
    public string Code => "Household.Region";

    public string Message => "住户只能登记在社区/村或其网格下。";

    public bool IsBroken() => level is not (RegionLevel.Community or RegionLevel.Grid);
}

public sealed class AHouseholdHasAnAddressRule(HouseholdAddress address) : IBusinessRule
{
    public string Code => "Household.Address";

    public string Message => "请填写楼栋和房号，或村民小组。";

    public bool IsBroken() => address.IsEmpty
        || new[] { address.Building, address.Unit, address.Room, address.VillageGroup }.Any(p => p is { Length: > 50 } || (p?.Contains('|', StringComparison.Ordinal) ?? false));
}

public sealed class DwellingTypeIsKnownRule(DwellingType dwelling) : IBusinessRule
{
    public string Code => "Household.Dwelling";

    public string Message => "请选择住房类型：平房或楼房。";

    public bool IsBroken() => !Enum.IsDefined(dwelling);
}
