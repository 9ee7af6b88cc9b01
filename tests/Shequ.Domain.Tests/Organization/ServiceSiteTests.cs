using Shequ.Domain.Common;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests.Organization;

public class ServiceSiteTests
{
    private static readonly Region District = Region.Create(null, "320591", "明湖区");
    private static readonly Region Street = Region.Create(District, "320591001000", "湖滨街道");
    private static readonly Region OtherStreet = Region.Create(District, "320591002000", "双塔街道");

    private static List<Region> Communities(Region street, int count) =>
        Enumerable.Range(1, count)
            .Select(i => Region.Create(street, street.Code[..9] + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), $"社区{i}", UrbanRuralClass.MainUrbanArea))
            .ToList();

    private static SiteDetails Details(HallStatus? status = null, ServicePointType? type = null) =>
        new("服务站点", "人民路1号", "周一至周五 8:30–17:30", "王建国", "0512-65200000", status, type);

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_work_station_serves_four_to_six_communities_of_its_street(int count)
    {
        var station = ServiceSite.Create(ServiceSiteKind.WorkStation, Street, Details(), Communities(Street, count));
        station.ServedCommunities.Count.ShouldBe(count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void A_work_station_serving_fewer_than_four_or_more_than_six_is_refused(int count) =>
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.WorkStation, Street, Details(), Communities(Street, count)))
            .Code.ShouldBe("Site.WorkStationCommunities");

    [Fact]
    public void A_work_station_cannot_serve_another_streets_community()
    {
        var served = Communities(Street, 3).Concat(Communities(OtherStreet, 1)).ToList();
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.WorkStation, Street, Details(), served));
    }

    [Fact]
    public void The_same_community_twice_counts_once()
    {
        var three = Communities(Street, 3);
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.WorkStation, Street, Details(), [.. three, three[0]]));
    }

    [Fact]
    public void A_hall_sits_in_a_community_and_carries_its_build_status()
    {
        var community = Communities(Street, 1)[0];
        ServiceSite.Create(ServiceSiteKind.ServiceHall, community, Details(HallStatus.Renovated)).HallStatus.ShouldBe(HallStatus.Renovated);
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.ServiceHall, community, Details())).Code.ShouldBe("Site.HallStatus");
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.ServiceHall, Street, Details(HallStatus.NewlyBuilt))).Code.ShouldBe("Site.Level");
    }

    [Fact]
    public void A_service_point_carries_one_of_the_three_types()
    {
        var community = Communities(Street, 1)[0];
        ServiceSite.Create(ServiceSiteKind.ServicePoint, community, Details(type: ServicePointType.Demonstration)).PointType.ShouldBe(ServicePointType.Demonstration);
        Should.Throw<BusinessRuleViolationException>(() => ServiceSite.Create(ServiceSiteKind.ServicePoint, community, Details())).Code.ShouldBe("Site.PointType");
    }

    [Fact]
    public void Fields_that_do_not_belong_to_the_kind_are_dropped()
    {
        var community = Communities(Street, 1)[0];
        var point = ServiceSite.Create(ServiceSiteKind.ServicePoint, community, Details(HallStatus.NewlyBuilt, ServicePointType.Simple));
        point.HallStatus.ShouldBeNull();
    }
}
