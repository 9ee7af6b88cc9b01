using Shequ.Domain.Common;

namespace Shequ.Domain.Organization;

public sealed class RegionCodeMustFitItsLevelRule(RegionLevel level, string? code) : IBusinessRule
{
    public string Code => "Region.CodeMustFitLevel";

    public string Message => level switch
    {
        RegionLevel.District => $"区县代码“{code}”无效：应为 6 位数字（GB/T 2260），且末两位不为 00。",
        RegionLevel.Street => $"街道/乡镇代码“{code}”无效：应为 12 位统计用区划代码，第 7–9 位在 001–599 之间，末三位为 000。",
        RegionLevel.Community => $"社区/村代码“{code}”无效：应为 12 位统计用区划代码，末三位在 001–599 之间。",
        _ => $"网格编号“{code}”无效：应为所属社区/村的 12 位代码加 3 位序号（001–999）。",
    };

    public bool IsBroken()
    {
        if (code is null || code.Length != RegionCode.LengthOf(level) || !RegionCode.IsDigits(code))
        {
            return true;
        }

        return level switch
        {
            RegionLevel.District => code[4..6] == "00" || code[2..4] == "00",
            RegionLevel.Street => !code.EndsWith("000", StringComparison.Ordinal) || RegionCode.Segment(code, 6) is < 1 or > 599,
            RegionLevel.Community => RegionCode.Segment(code, 9) is < 1 or > 599 || RegionCode.Segment(code, 6) is < 1 or > 599,
            RegionLevel.Grid => RegionCode.Segment(code, 12) < 1 || RegionCode.Segment(code, 9) is < 1 or > 599,
            _ => true,
        };
    }
}

public sealed class RegionMustHangDirectlyBelowTheLevelAboveRule(RegionLevel level, RegionLevel? parentLevel) : IBusinessRule
{
    public string Code => "Region.ParentLevel";

    public string Message => level > RegionLevel.Grid
        ? "网格是最末一级，之下不能再设区划。"
        : level == RegionLevel.District
        ? "区县是顶级区划，不能挂在其他区划之下。"
        : $"{LevelNames.Chinese(level)}只能直接挂在{LevelNames.Chinese(level - 1)}之下，不能挂在{(parentLevel is null ? "顶层" : LevelNames.Chinese(parentLevel.Value))}之下。";

    public bool IsBroken() => level switch
    {
        RegionLevel.District => parentLevel is not null,
        > RegionLevel.Grid or < RegionLevel.District => true,
        _ => parentLevel != level - 1,
    };
}

public sealed class RegionCodeMustExtendItsParentCodeRule(string code, string? parentCode) : IBusinessRule
{
    public string Code => "Region.CodeExtendsParent";

    public string Message => $"代码“{code}”与上级代码“{parentCode}”不一致：下级代码必须以上级代码的有效前缀开头。";

    public bool IsBroken() => parentCode is not null && RegionCode.ImpliedParentCode(code) != parentCode;
}

public sealed class OnlyCommunitiesCarryAnUrbanRuralClassRule(RegionLevel level, UrbanRuralClass? urbanRural) : IBusinessRule
{
    public string Code => "Region.UrbanRuralClass";

    public string Message => level == RegionLevel.Community
        ? "社区/村必须填写城乡分类代码（111、112、121、122、123、210、220）。"
        : "只有社区/村填写城乡分类代码。";

    public bool IsBroken() => level == RegionLevel.Community
        ? urbanRural is null || !Enum.IsDefined(urbanRural.Value)
        : urbanRural is not null;
}

public sealed class RegionNameMustBeGivenRule(string? name) : IBusinessRule
{
    public const int MaxLength = 100;

    public string Code => "Region.Name";

    public string Message => $"名称不能为空，且不超过 {MaxLength} 个字符。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxLength;
}

public static class LevelNames
{
    public static string Chinese(RegionLevel level) => level switch
    {
        RegionLevel.District => "区/县",
        RegionLevel.Street => "街道/乡镇",
        RegionLevel.Community => "社区/村",
        RegionLevel.Grid => "网格",
        _ => level.ToString(),
    };

    /// <summary>The lower-case key used in URLs, the API and the CLI.</summary>
    public static string Key(RegionLevel level) => level.ToString().ToLowerInvariant();

    public static RegionLevel? FromKey(string? key) => key?.ToLowerInvariant() switch
    {
        "district" => RegionLevel.District,
        "street" => RegionLevel.Street,
        "community" => RegionLevel.Community,
        "grid" => RegionLevel.Grid,
        _ => null,
    };
}
