using Shequ.Domain.Common;

namespace Shequ.Domain.Organization;

/// <summary>
/// One node of the tree district → street/town → community/village → grid. The code is the
/// national division code (grids: community code + 3 digits), so a subtree is a code prefix.
/// </summary>
public sealed class Region : Entity
{
    private Region(string code, string name, RegionLevel level, UrbanRuralClass? urbanRural)
    {
        Code = code;
        Name = name;
        Level = level;
        UrbanRural = urbanRural;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public RegionLevel Level { get; private set; }

    public int? ParentId { get; private set; }

    public Region? Parent { get; private set; }

    public UrbanRuralClass? UrbanRural { get; private set; }

    public string SubtreePrefix => RegionCode.SubtreePrefix(Level, Code);

    /// <summary>Creates a region under <paramref name="parent"/> (null for a district); its level follows from the parent.</summary>
    public static Region Create(Region? parent, string code, string name, UrbanRuralClass? urbanRural = null)
    {
        var level = parent is null ? RegionLevel.District : parent.Level + 1;
        CheckRule(new RegionMustHangDirectlyBelowTheLevelAboveRule(level, parent?.Level));
        code = code?.Trim() ?? string.Empty;
        CheckRule(new RegionCodeMustFitItsLevelRule(level, code));
        CheckRule(new RegionCodeMustExtendItsParentCodeRule(code, parent?.Code));
        CheckRule(new RegionNameMustBeGivenRule(name));
        CheckRule(new OnlyCommunitiesCarryAnUrbanRuralClassRule(level, urbanRural));
        // A parent not yet saved has no key; EF then sets ParentId from the navigation.
        return new Region(code, name.Trim(), level, urbanRural) { Parent = parent, ParentId = parent is { Id: > 0 } ? parent.Id : null };
    }

    /// <summary>Creates a region whose level the caller states, as an import does; the level must agree with the parent.</summary>
    public static Region Create(RegionLevel level, Region? parent, string code, string name, UrbanRuralClass? urbanRural = null)
    {
        CheckRule(new RegionMustHangDirectlyBelowTheLevelAboveRule(level, parent?.Level));
        return Create(parent, code, name, urbanRural);
    }

    public void Update(string name, UrbanRuralClass? urbanRural)
    {
        CheckRule(new RegionNameMustBeGivenRule(name));
        CheckRule(new OnlyCommunitiesCarryAnUrbanRuralClassRule(Level, urbanRural));
        Name = name.Trim();
        UrbanRural = urbanRural;
        Touch();
    }

    /// <summary>
    /// Moves this region under <paramref name="newParent"/> with the code it gets there. Boundary changes
    /// re-code a unit, so every descendant's code is rewritten with the new prefix.
    /// </summary>
    public void MoveTo(Region newParent, string newCode, IEnumerable<Region> descendants)
    {
        ArgumentNullException.ThrowIfNull(newParent);
        ArgumentNullException.ThrowIfNull(descendants);
        newCode = newCode?.Trim() ?? string.Empty;
        CheckRule(new RegionMustHangDirectlyBelowTheLevelAboveRule(Level, newParent.Level));
        CheckRule(new RegionCodeMustFitItsLevelRule(Level, newCode));
        CheckRule(new RegionCodeMustExtendItsParentCodeRule(newCode, newParent.Code));

        var oldPrefix = SubtreePrefix;
        var newPrefix = RegionCode.SubtreePrefix(Level, newCode);
        foreach (var d in descendants)
        {
            if (ReferenceEquals(d, this) || !d.Code.StartsWith(oldPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            d.Code = RegionCode.Recode(d.Code, oldPrefix, newPrefix);
            d.Touch();
        }

        Code = newCode;
        Parent = newParent;
        ParentId = newParent.Id;
        Touch();
    }

    /// <summary>True when <paramref name="code"/> lies in this region's subtree (itself included).</summary>
    public bool Contains(string code) => code.StartsWith(SubtreePrefix, StringComparison.Ordinal);
}
