using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests.Organization;

public class HandlingUnitTests
{
    [Theory]
    [InlineData("320591", "320591001001", true)]
    [InlineData("320591", "320592001001", false)]
    [InlineData("320591001000", "320591001002001", true)]
    [InlineData("320591001000", "320591002001", false)]
    [InlineData("320591001001", "320591001001003", true)]
    [InlineData("320591001001", "320591001002", false)]
    public void A_unit_serves_exactly_the_matters_inside_its_area(string unitRegion, string matter, bool serves) =>
        HandlingUnit.Register("区住建局", UnitKind.Department, unitRegion, null, null).Serves(matter).ShouldBe(serves);

    [Fact]
    public void An_ended_unit_serves_nothing_and_a_unit_needs_a_name()
    {
        var unit = HandlingUnit.Register(" 湖滨物业 ", UnitKind.Partner, "320591001001", "周经理", "0512-66001234");
        unit.Name.ShouldBe("湖滨物业");
        unit.SetActive(false);
        unit.Serves("320591001001").ShouldBeFalse();
        Should.Throw<BusinessRuleViolationException>(() => HandlingUnit.Register(" ", UnitKind.Partner, "320591001001", null, null)).Code.ShouldBe("Unit.Name");
        Should.Throw<BusinessRuleViolationException>(() => HandlingUnit.Register(new string('局', 61), UnitKind.Partner, "320591001001", null, null)).Code.ShouldBe("Unit.Name");
    }
}
