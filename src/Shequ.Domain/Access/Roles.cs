using Shequ.Domain.Organization;

namespace Shequ.Domain.Access;

/// <summary>Staff roles. Keys are what the CLI and API speak; the UI shows them through resources.</summary>
public static class Roles
{
    public const string SystemAdmin = "system-admin";
    public const string DistrictAdmin = "district-admin";
    public const string StreetAdmin = "street-admin";
    public const string CommunityStaff = "community-staff";
    public const string SocialWorker = "social-worker";
    public const string Inspector = "inspector";

    /// <summary>E8-6: a public-opinion volunteer enters and sorts their community's suggestions and nothing else.</summary>
    public const string OpinionVolunteer = "opinion-volunteer";

    /// <summary>An account of a handling unit (承办单位): it sees and answers only what was routed to its unit.</summary>
    public const string UnitHandler = "unit-handler";

    public static IReadOnlyList<string> All { get; } =
        [SystemAdmin, DistrictAdmin, StreetAdmin, CommunityStaff, SocialWorker, Inspector, OpinionVolunteer, UnitHandler];

    /// <summary>Everyone who works for the street or community: all roles but volunteers and handling units.</summary>
    public static IReadOnlyList<string> Staff { get; } = [.. All.Where(r => r is not (OpinionVolunteer or UnitHandler))];

    /// <summary>Who may enter and sort suggestions.</summary>
    public static IReadOnlyList<string> SuggestionKeepers { get; } = [SystemAdmin, DistrictAdmin, StreetAdmin, CommunityStaff, SocialWorker, OpinionVolunteer];

    /// <summary>Who may release a drafted reply to a suggestion (publish it, or keep it to the resident).</summary>
    public static IReadOnlyList<string> ReplyPublishers { get; } = [SystemAdmin, DistrictAdmin, StreetAdmin, CommunityStaff];

    /// <summary>Roles that may change the organisation tree within their scope.</summary>
    public static IReadOnlyList<string> OrganizationEditors { get; } = [SystemAdmin, DistrictAdmin, StreetAdmin];

    /// <summary>A district's assessment period (closing, publication, appeals, freezing) is the district's (issue 14).</summary>
    public static IReadOnlyList<string> PeriodManagers { get; } = [SystemAdmin, DistrictAdmin];

    /// <summary>Roles that keep the registry and may reveal a resident's identifiers (an audited act).</summary>
    public static IReadOnlyList<string> RegistryKeepers { get; } = [SystemAdmin, DistrictAdmin, StreetAdmin, CommunityStaff, SocialWorker];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key);

    /// <summary>Every role but the system administrator is bound to a region of this level or below.</summary>
    public static bool NeedsRegion(string key) => key != SystemAdmin;

    /// <summary>The region level an account of this role is bound to.</summary>
    public static bool FitsRegionLevel(string key, RegionLevel level) => key switch
    {
        DistrictAdmin => level == RegionLevel.District,
        StreetAdmin => level == RegionLevel.Street,
        CommunityStaff or SocialWorker => level >= RegionLevel.Community,
        OpinionVolunteer => level == RegionLevel.Community,
        Inspector or UnitHandler => true,
        _ => false,
    };

    /// <summary>
    /// Which roles an administrator may give: a system administrator any; a district administrator any but
    /// system-admin; a street administrator the roles that work inside a street. Nobody else manages accounts.
    /// </summary>
    public static bool CanGrant(IEnumerable<string> granterRoles, string role)
    {
        ArgumentNullException.ThrowIfNull(granterRoles);
        var held = granterRoles.ToList();
        if (held.Contains(SystemAdmin))
        {
            return IsKnown(role);
        }

        if (held.Contains(DistrictAdmin))
        {
            return IsKnown(role) && role != SystemAdmin;
        }

        return held.Contains(StreetAdmin) && role is StreetAdmin or CommunityStaff or SocialWorker or Inspector or OpinionVolunteer or UnitHandler;
    }

    public static string ChineseName(string key) => key switch
    {
        SystemAdmin => "系统管理员",
        DistrictAdmin => "区级管理员",
        StreetAdmin => "街道管理员",
        CommunityStaff => "社区工作人员",
        SocialWorker => "社工",
        Inspector => "督查员",
        OpinionVolunteer => "民意志愿者",
        UnitHandler => "承办单位",
        _ => key,
    };
}
