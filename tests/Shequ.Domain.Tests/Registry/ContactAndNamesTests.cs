using Shequ.Domain.Registry;

namespace Shequ.Domain.Tests.Registry;

public class ContactAndNamesTests
{
    [Theory]
    [InlineData("18012341999", "18012341999")]
    [InlineData("+86 180 1234 1999", "18012341999")]
    [InlineData("0086-180-1234-1999", "18012341999")]
    public void Mobile_numbers_are_normalised(string input, string expected)
    {
        MobileNumber.TryParse(input, out var number).ShouldBeTrue();
        number.Value.ShouldBe(expected);
        number.Masked.ShouldBe("180****1999");
    }

    [Theory]
    [InlineData("12012341999")]
    [InlineData("1801234199")]
    [InlineData("0512-65200000")]
    [InlineData("1801234199a")]
    [InlineData("")]
    public void Non_mobile_numbers_are_refused(string input) => MobileNumber.TryParse(input, out _).ShouldBeFalse();

    [Theory]
    [InlineData("阿依古丽•买买提")]
    [InlineData("阿依古丽・买买提")]
    [InlineData("阿依古丽．买买提")]
    [InlineData(" 阿依古丽·买买提 ")]
    public void Minority_names_get_the_middle_dot(string input) =>
        PersonName.Normalize(input, out _).ShouldBe("阿依古丽\u00B7买买提");

    [Fact]
    public void Rare_characters_outside_the_basic_plane_are_kept_and_counted_as_one() =>
        PersonName.Normalize("王𣵦", out _).ShouldBe("王𣵦");

    [Fact]
    public void A_name_of_50_characters_fits_and_one_too_long_is_refused()
    {
        PersonName.Normalize(new string('龘', 50), out _).ShouldNotBeNull();
        PersonName.Normalize(new string('龘', PersonName.MaxCharacters + 1), out var problem).ShouldBeNull();
        problem.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("张\u0007三")]
    [InlineData("张\uFFFD三")]
    public void Empty_or_broken_names_are_refused(string input) => PersonName.Normalize(input, out _).ShouldBeNull();

    [Fact]
    public void A_lone_surrogate_is_refused() => PersonName.Normalize("张" + '\uD800' + "三", out _).ShouldBeNull();

    [Fact]
    public void A_disability_certificate_is_the_holders_id_plus_category_and_grade()
    {
        DisabilityCertificate.TryParse("11010519491231002X42", new DateOnly(2026, 1, 1), out var cert).ShouldBeTrue();
        cert.Category.ShouldBe(DisabilityCategory.Physical);
        cert.Grade.ShouldBe(2);
        cert.Number.ShouldBe("11010519491231002X42");
        DisabilityCertificate.TryParse("11010519491231002X82", new DateOnly(2026, 1, 1), out _).ShouldBeFalse();
        DisabilityCertificate.TryParse("11010519491231002X45", new DateOnly(2026, 1, 1), out _).ShouldBeFalse();
        DisabilityCertificate.TryParse("11010519491231002142", new DateOnly(2026, 1, 1), out _).ShouldBeFalse();
    }
}
