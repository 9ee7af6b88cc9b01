using Shequ.Domain.Opinion;

namespace Shequ.Domain.Tests.Opinion;

public class ContactDayTests
{
    [Theory]
    [InlineData(2026, 11, 8)]
    [InlineData(2026, 2, 8)]   // February 2026 starts on a Sunday: the 1st is the first Sunday, the 8th the second
    [InlineData(2026, 3, 8)]   // so does March 2026
    [InlineData(2027, 8, 8)]   // and August 2027
    [InlineData(2026, 12, 13)]
    [InlineData(2028, 2, 13)]  // leap-year February
    [InlineData(2030, 9, 8)]
    public void The_contact_day_is_the_second_sunday(int year, int month, int day)
    {
        var date = ContactDayRule.SecondSunday.DayIn(year, month);
        date.ShouldBe(new DateOnly(year, month, day));
        date.DayOfWeek.ShouldBe(DayOfWeek.Sunday);
    }

    [Fact]
    public void Every_month_of_many_years_gets_a_sunday_between_the_8th_and_the_14th()
    {
        for (var year = 2020; year <= 2040; year++)
        {
            var days = ContactDayRule.SecondSunday.DaysIn(year);
            days.Count.ShouldBe(12);
            days.ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Sunday && d.Day >= 8 && d.Day <= 14 && d.Year == year);
            days.Select(d => d.Month).ShouldBe(Enumerable.Range(1, 12));
        }
    }

    [Fact]
    public void A_district_may_choose_another_rule_such_as_the_last_saturday()
    {
        new ContactDayRule(-1, DayOfWeek.Saturday).DayIn(2026, 11).ShouldBe(new DateOnly(2026, 11, 28));
        new ContactDayRule(1, DayOfWeek.Monday).DayIn(2026, 6).ShouldBe(new DateOnly(2026, 6, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new ContactDayRule(5, DayOfWeek.Sunday));
    }

    [Fact]
    public void Leaders_take_turns_so_each_community_meets_every_leader_and_no_leader_is_doubled_while_another_waits()
    {
        string[] leaders = ["书记", "主任", "副主任"];
        for (var month = 0; month < 12; month++)
        {
            var thisMonth = Enumerable.Range(0, 3).Select(c => LeaderRoster.LeaderFor(leaders, c, month)).ToList();
            thisMonth.Distinct().Count().ShouldBe(3);
        }

        Enumerable.Range(0, 3).Select(m => LeaderRoster.LeaderFor(leaders, 1, m)).ShouldBe(["主任", "副主任", "书记"]);
        Should.Throw<ArgumentException>(() => LeaderRoster.LeaderFor(Array.Empty<string>(), 0, 0));
    }
}
