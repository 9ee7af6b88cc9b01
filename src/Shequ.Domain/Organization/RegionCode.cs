using System.Globalization;

namespace Shequ.Domain.Organization;

/// <summary>
/// Division codes (GB/T 2260 and the statistics bureau's 12-digit 统计用区划代码) and the grid numbering
/// Shequ adds below them. A region's subtree is exactly the set of codes that start with its
/// <see cref="SubtreePrefix"/>, which is what access scoping relies on.
/// </summary>
public static class RegionCode
{
    public const int DistrictLength = 6;
    public const int StatisticalLength = 12;
    public const int GridLength = 15;

    public static int LengthOf(RegionLevel level) => level switch
    {
        RegionLevel.District => DistrictLength,
        RegionLevel.Street or RegionLevel.Community => StatisticalLength,
        RegionLevel.Grid => GridLength,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The characters every descendant's code shares with this region's code.</summary>
    public static string SubtreePrefix(RegionLevel level, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return level switch
        {
            RegionLevel.District => code[..DistrictLength],
            RegionLevel.Street => code[..9],
            RegionLevel.Community => code[..StatisticalLength],
            RegionLevel.Grid => code,
            _ => throw new ArgumentOutOfRangeException(nameof(level)),
        };
    }

    /// <summary>
    /// The prefix a list filters on for "in this region": null when no region was given, the subtree prefix of a
    /// code, and for text that is no code a prefix no code starts with — an unknown region shows nothing, not everything.
    /// </summary>
    public static string? FilterPrefix(string? under)
    {
        var text = under?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return LevelOf(text) is { } level ? SubtreePrefix(level, text) : NoRegionPrefix;
    }

    /// <summary>Starts no code: codes are digits.</summary>
    public const string NoRegionPrefix = "-";

    /// <summary>The level a well-formed code belongs to, or null when the code fits no level.</summary>
    public static RegionLevel? LevelOf(string? code)
    {
        if (code is null || !IsDigits(code))
        {
            return null;
        }

        return code.Length switch
        {
            DistrictLength => RegionLevel.District,
            StatisticalLength when code.EndsWith("000", StringComparison.Ordinal) => RegionLevel.Street,
            StatisticalLength => RegionLevel.Community,
            GridLength => RegionLevel.Grid,
            _ => null,
        };
    }

    /// <summary>The code of the parent a code implies (its significant prefix padded back), or null for a district.</summary>
    public static string? ImpliedParentCode(string code)
    {
        return LevelOf(code) switch
        {
            RegionLevel.Street => code[..DistrictLength],
            RegionLevel.Community => string.Concat(code.AsSpan(0, 9), "000"),
            RegionLevel.Grid => code[..StatisticalLength],
            _ => null,
        };
    }

    public static StreetKind StreetKindOf(string streetCode)
    {
        var n = Segment(streetCode, 6);
        return n switch
        {
            < 100 => StreetKind.Subdistrict,
            < 200 => StreetKind.Town,
            < 400 => StreetKind.Township,
            _ => StreetKind.OtherTownLevel,
        };
    }

    public static CommunityKind CommunityKindOf(string communityCode)
    {
        var n = Segment(communityCode, 9);
        return n switch
        {
            < 200 => CommunityKind.ResidentsCommittee,
            < 400 => CommunityKind.VillagersCommittee,
            < 500 => CommunityKind.ResidentsCommitteeLike,
            _ => CommunityKind.VillagersCommitteeLike,
        };
    }

    /// <summary>Replaces the part of <paramref name="code"/> that came from an ancestor, when that ancestor is re-coded.</summary>
    public static string Recode(string code, string oldPrefix, string newPrefix)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(oldPrefix);
        if (!code.StartsWith(oldPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("code is not under the old prefix", nameof(code));
        }

        return string.Concat(newPrefix, code.AsSpan(oldPrefix.Length));
    }

    internal static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    internal static int Segment(string code, int start) =>
        int.Parse(code.AsSpan(start, 3), NumberStyles.None, CultureInfo.InvariantCulture);
}
