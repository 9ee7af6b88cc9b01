using Shequ.Domain.Common;

namespace Shequ.Domain.Organization;

public enum ServiceSiteKind
{
    /// <summary>一站式服务大厅 in a community/village (E4-1).</summary>
    ServiceHall = 1,

    /// <summary>社区工作站 on a street, the government service window for 4–6 communities (E8-11).</summary>
    WorkStation = 2,

    /// <summary>服务点 in a community centre, e.g. banking service points (E3-2).</summary>
    ServicePoint = 3,
}

/// <summary>Build status of a one-stop service hall (E4-1: 12 new, 13 renovated, 3 still lacking premises).</summary>
public enum HallStatus
{
    NewlyBuilt = 1,
    Renovated = 2,
    LacksPremises = 3,
}

/// <summary>Service point grades of the E3-2 rollout.</summary>
public enum ServicePointType
{
    Demonstration = 1,
    Standard = 2,
    Simple = 3,
}

public sealed record SiteDetails(
    string Name,
    string? Address,
    string? OpeningHours,
    string? ContactPerson,
    string? ContactPhone,
    HallStatus? HallStatus = null,
    ServicePointType? PointType = null);

/// <summary>A place where residents are served: a hall, a work station or a service point.</summary>
public sealed class ServiceSite : Entity
{
    public const int MinServedCommunities = 4;
    public const int MaxServedCommunities = 6;

    private readonly List<Region> _servedCommunities = [];

    private ServiceSite()
    {
        Name = string.Empty;
        Region = null!;
    }

    public int Id { get; private set; }

    public ServiceSiteKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>The region the site belongs to: a community for halls and points, a street for work stations.</summary>
    public int RegionId { get; private set; }

    public Region Region { get; private set; }

    public string? Address { get; private set; }

    public string? OpeningHours { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? ContactPhone { get; private set; }

    public HallStatus? HallStatus { get; private set; }

    public ServicePointType? PointType { get; private set; }

    public IReadOnlyList<Region> ServedCommunities => _servedCommunities;

    public static ServiceSite Create(ServiceSiteKind kind, Region region, SiteDetails details, IReadOnlyCollection<Region>? servedCommunities = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        CheckRule(new SiteMustSitAtTheLevelItsKindServesRule(kind, region.Level));
        var site = new ServiceSite { Kind = kind, Region = region, RegionId = region.Id };
        site.Apply(details, servedCommunities ?? []);
        return site;
    }

    public void Update(SiteDetails details, IReadOnlyCollection<Region>? servedCommunities = null)
    {
        Apply(details, servedCommunities ?? []);
        Touch();
    }

    private void Apply(SiteDetails details, IReadOnlyCollection<Region> servedCommunities)
    {
        ArgumentNullException.ThrowIfNull(details);
        CheckRule(new SiteNameMustBeGivenRule(details.Name));
        CheckRule(new HallsCarryABuildStatusRule(Kind, details.HallStatus));
        CheckRule(new ServicePointsCarryATypeRule(Kind, details.PointType));
        if (Kind == ServiceSiteKind.WorkStation)
        {
            CheckRule(new WorkStationServesFourToSixCommunitiesOfItsStreetRule(Region, servedCommunities));
        }

        Name = details.Name.Trim();
        Address = Clean(details.Address);
        OpeningHours = Clean(details.OpeningHours);
        ContactPerson = Clean(details.ContactPerson);
        ContactPhone = Clean(details.ContactPhone);
        HallStatus = Kind == ServiceSiteKind.ServiceHall ? details.HallStatus : null;
        PointType = Kind == ServiceSiteKind.ServicePoint ? details.PointType : null;
        _servedCommunities.Clear();
        if (Kind == ServiceSiteKind.WorkStation)
        {
            _servedCommunities.AddRange(servedCommunities.DistinctBy(c => c.Code));
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class SiteMustSitAtTheLevelItsKindServesRule(ServiceSiteKind kind, RegionLevel level) : IBusinessRule
{
    public string Code => "Site.Level";

    public string Message => kind == ServiceSiteKind.WorkStation
        ? "社区工作站设在街道/乡镇一级。"
        : "服务大厅和服务点设在社区/村一级。";

    public bool IsBroken() => kind == ServiceSiteKind.WorkStation
        ? level != RegionLevel.Street
        : level != RegionLevel.Community;
}

public sealed class SiteNameMustBeGivenRule(string? name) : IBusinessRule
{
    public string Code => "Site.Name";

    public string Message => "站点名称不能为空，且不超过 100 个字符。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100;
}

public sealed class HallsCarryABuildStatusRule(ServiceSiteKind kind, HallStatus? status) : IBusinessRule
{
    public string Code => "Site.HallStatus";

    public string Message => "一站式服务大厅必须注明建设状态：新建、改建或缺少用房。";

    public bool IsBroken() => kind == ServiceSiteKind.ServiceHall && (status is null || !Enum.IsDefined(status.Value));
}

public sealed class ServicePointsCarryATypeRule(ServiceSiteKind kind, ServicePointType? type) : IBusinessRule
{
    public string Code => "Site.PointType";

    public string Message => "服务点必须注明类型：示范型、标准型或简易型。";

    public bool IsBroken() => kind == ServiceSiteKind.ServicePoint && (type is null || !Enum.IsDefined(type.Value));
}

public sealed class WorkStationServesFourToSixCommunitiesOfItsStreetRule(Region street, IReadOnlyCollection<Region> communities) : IBusinessRule
{
    public string Code => "Site.WorkStationCommunities";

    public string Message =>
        $"社区工作站服务 {ServiceSite.MinServedCommunities}–{ServiceSite.MaxServedCommunities} 个社区，且都须属于本街道/乡镇（当前选择了 {communities.DistinctBy(c => c.Code).Count()} 个）。";

    public bool IsBroken()
    {
        var distinct = communities.DistinctBy(c => c.Code).ToList();
        return distinct.Count is < ServiceSite.MinServedCommunities or > ServiceSite.MaxServedCommunities
            || distinct.Any(c => c.Level != RegionLevel.Community || !street.Contains(c.Code));
    }
}
