using CsCheck;
using Shequ.Domain.Registry;

namespace Shequ.Domain.Tests.Registry;

public class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static IdNumber Parse(string s)
    {
        IdNumber.TryParse(s, Today, out var id, out var problem).ShouldBeTrue(problem.ToString());
        return id;
    }

    [Fact]
    public void The_standards_first_worked_example_has_check_character_X()
    {
        IdNumber.CheckCharacterFor("11010519491231002").ShouldBe('X');
        var id = Parse("11010519491231002X");
        id.BirthDate.ShouldBe(new DateOnly(1949, 12, 31));
        id.Sex.ShouldBe(Sex.Female);
        id.AddressCode.ShouldBe("110105");
    }

    [Fact]
    public void The_standards_second_worked_example_has_check_digit_4()
    {
        IdNumber.CheckCharacterFor("44052418800101001").ShouldBe('4');
        var id = Parse("440524188001010014");
        id.BirthDate.ShouldBe(new DateOnly(1880, 1, 1));
        id.Sex.ShouldBe(Sex.Male);
    }

    [Theory]
    [InlineData("110105198001010016", Sex.Male)]
    [InlineData("110105198001010024", Sex.Female)]
    public void The_synthetic_ids_are_valid_and_carry_their_sex(string value, Sex sex) => Parse(value).Sex.ShouldBe(sex);

    [Fact]
    public void A_lower_case_x_is_accepted_and_stored_upper_case() =>
        Parse(" 11010519491231002x ").Value.ShouldBe("11010519491231002X");

    [Theory]
    [InlineData("110105194912310021", IdNumberProblem.WrongCheckCharacter)]
    [InlineData("", IdNumberProblem.Missing)]
    [InlineData("11010519491231002", IdNumberProblem.WrongLength)]
    [InlineData("1101051949123100X2", IdNumberProblem.WrongCharacters)]
    [InlineData("11010519490231002X", IdNumberProblem.WrongCheckCharacter)]
    public void Invalid_numbers_say_why(string value, IdNumberProblem expected)
    {
        IdNumber.TryParse(value, Today, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(expected);
        IdNumber.Describe(problem).ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_birth_date_that_does_not_exist_is_refused_even_with_a_right_check_character()
    {
        var first17 = "11010519490231002"; // 31 February
        IdNumber.TryParse(first17 + IdNumber.CheckCharacterFor(first17), Today, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(IdNumberProblem.InvalidBirthDate);
    }

    [Fact]
    public void A_birth_date_after_today_is_refused()
    {
        var future = IdNumber.Compose("110105", Today.AddDays(1), 1);
        IdNumber.TryParse(future.Value, Today, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(IdNumberProblem.BirthDateInFuture);
    }

    [Fact]
    public void Display_is_masked_by_default()
    {
        var id = Parse("11010519491231002X");
        id.Masked.ShouldBe("1***************2X");
        id.ToString().ShouldBe(id.Masked);
    }

    [Fact]
    public void Age_counts_whole_years() => Parse("110105198001010016").AgeOn(new DateOnly(2026, 11, 25)).ShouldBe(46);

    private static readonly Gen<IdNumber> ValidIds =
        from address in Gen.OneOf("110105", "320591", "440524", "650102")
        from days in Gen.Int[0, 365 * 120]
        from sequence in Gen.Int[0, 999]
        select IdNumber.Compose(address, Today.AddDays(-days), sequence);

    [Fact]
    public void Every_composed_id_parses_back_to_itself() =>
        ValidIds.Sample(id =>
        {
            IdNumber.TryParse(id.Value, Today, out var parsed, out _).ShouldBeTrue();
            parsed.ShouldBe(id);
        });

    [Fact]
    public void Every_single_character_change_is_detected() =>
        Gen.Select(ValidIds, Gen.Int[0, 17], Gen.Char["0123456789X"]).Sample((id, position, replacement) =>
        {
            if (id.Value[position] == replacement)
            {
                return;
            }

            var changed = string.Concat(id.Value.AsSpan(0, position), replacement.ToString(), id.Value.AsSpan(position + 1));
            IdNumber.TryParse(changed, Today, out _, out _).ShouldBeFalse(changed);
        });
}
