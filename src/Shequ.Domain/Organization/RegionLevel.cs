namespace Shequ.Domain.Organization;

/// <summary>The four levels Shequ manages, top down. The numeric value is the depth.</summary>
public enum RegionLevel
{
    /// <summary>区/县, a GB/T 2260 county-level unit (6-digit code).</summary>
    District = 1,

    /// <summary>街道/乡镇, a town-level unit (12-digit statistical code ending in 000).</summary>
    Street = 2,

    /// <summary>社区/村, a village-level unit (12-digit statistical code).</summary>
    Community = 3,

    /// <summary>网格: no national code; Shequ numbers it as its community's code plus three digits.</summary>
    Grid = 4,
}

/// <summary>城乡分类代码 carried by every village-level unit.</summary>
public enum UrbanRuralClass
{
    MainUrbanArea = 111,
    UrbanRuralFringe = 112,
    TownCentre = 121,
    TownRuralFringe = 122,
    SpecialArea = 123,
    TownshipCentre = 210,
    Village = 220,
}

/// <summary>What the three town-level digits say about a street/town.</summary>
public enum StreetKind
{
    Subdistrict,
    Town,
    Township,
    OtherTownLevel,
}

/// <summary>What the three village-level digits say about a community/village.</summary>
public enum CommunityKind
{
    ResidentsCommittee,
    VillagersCommittee,
    ResidentsCommitteeLike,
    VillagersCommitteeLike,
}
