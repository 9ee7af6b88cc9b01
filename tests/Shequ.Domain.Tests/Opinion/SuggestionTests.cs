using Shequ.Domain.Common;
using Shequ.Domain.Opinion;

namespace Shequ.Domain.Tests.Opinion;

public class SuggestionTests
{
    private static readonly DateOnly Today = new(2026, 12, 13);
    private static readonly DateTime Now = new(2026, 12, 13, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>Text already split into words, as the segmenter would.</summary>
    private static string[] W(string spaced) => spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Suggestion New(string text = "公交 站台 太远") =>
        Suggestion.Submit(new SuggestionIntake("320591001001", SuggestionSource.ContactDay, text, null, null, null, ContactDayId: 1), OpinionCategory.PublicTransport, ["公交", "站台"], "volunteer", Now);

    [Fact]
    public void A_suggestion_is_sorted_routed_answered_and_rated_in_that_order()
    {
        var s = New();
        s.Status.ShouldBe(SuggestionStatus.New);
        Should.Throw<BusinessRuleViolationException>(() => s.Route(UnitKind.Department, "区交通运输局", Today.AddDays(15), Today)).Code.ShouldBe("Suggestion.Route");

        s.ConfirmCategory(OpinionCategory.PublicTransport, "staff");
        Should.Throw<BusinessRuleViolationException>(() => s.Answer("将调整站点", "unit", Now, Today)).Code.ShouldBe("Suggestion.Answer");
        Should.Throw<BusinessRuleViolationException>(() => s.Route(UnitKind.Department, "区交通运输局", Today, Today)).Code.ShouldBe("Suggestion.Unit");
        s.Route(UnitKind.Department, "区交通运输局", Today.AddDays(15), Today);
        s.IsOverdue(Today.AddDays(15)).ShouldBeFalse();
        s.IsOverdue(Today.AddDays(16)).ShouldBeTrue();

        Should.Throw<BusinessRuleViolationException>(() => s.Rate(5)).Code.ShouldBe("Suggestion.Rating");
        Should.Throw<BusinessRuleViolationException>(() => s.Publish(true, "office", Now)).Code.ShouldBe("Suggestion.Publish");
        s.Answer("将协调公交公司。", "区交通运输局", Now.AddDays(10), Today.AddDays(10));
        s.Status.ShouldBe(SuggestionStatus.Drafted);
        s.HasPublicReply.ShouldBeFalse("a draft is nobody's to read yet");
        Should.Throw<BusinessRuleViolationException>(() => s.Rate(5)).Code.ShouldBe("Suggestion.Rating");
        s.Answer("已协调公交公司，下月起站点前移 200 米。", "区交通运输局", Now.AddDays(12), Today.AddDays(12));
        s.RepliedOn.ShouldBe(Today.AddDays(10), "the unit answered on the day of its first draft");
        s.RepliedOnTime.ShouldBe(true);
        s.Publish(true, "office", Now.AddDays(13));
        s.Status.ShouldBe(SuggestionStatus.Replied);
        s.HasPublicReply.ShouldBeTrue();
        s.Reply.ShouldBe("已协调公交公司，下月起站点前移 200 米。");
        Should.Throw<BusinessRuleViolationException>(() => s.Answer("again", "unit", Now, Today)).Code.ShouldBe("Suggestion.Answer");
        Should.Throw<BusinessRuleViolationException>(() => s.Publish(false, "office", Now)).Code.ShouldBe("Suggestion.Publish");

        Should.Throw<BusinessRuleViolationException>(() => s.Rate(6)).Code.ShouldBe("Suggestion.Rating");
        s.Rate(4);
        s.Rating.ShouldBe(4);
        Should.Throw<BusinessRuleViolationException>(() => s.Rate(5)).Code.ShouldBe("Suggestion.Rating");
    }

    [Fact]
    public void A_reply_after_the_deadline_is_late()
    {
        var s = New();
        s.ConfirmCategory(OpinionCategory.PublicTransport, "staff");
        s.Route(UnitKind.Street, "湖滨街道", Today.AddDays(5), Today);
        s.Answer("已处理", "湖滨街道", Now.AddDays(9), Today.AddDays(9));
        s.RepliedOnTime.ShouldBe(false);
    }

    [Fact]
    public void A_reply_not_for_publication_reaches_the_resident_but_not_the_public_page()
    {
        var s = New();
        s.ConfirmCategory(OpinionCategory.CivilAffairs, "staff");
        s.Route(UnitKind.Partner, "物业公司", Today.AddDays(5), Today, unitId: 4);
        s.HandlerUnitId.ShouldBe(4);
        s.Answer("已上门查看您家的水管，明天更换。", "wuye", Now, Today);
        s.Publish(false, "office", Now);
        s.Status.ShouldBe(SuggestionStatus.Replied);
        s.HasPublicReply.ShouldBeFalse();
        s.Rate(5);
        s.Rating.ShouldBe(5, "the resident still rates the reply they received");
    }

    [Fact]
    public void An_empty_or_overlong_suggestion_is_refused()
    {
        Should.Throw<BusinessRuleViolationException>(() => New("  ")).Code.ShouldBe("Suggestion.Text");
        Should.Throw<BusinessRuleViolationException>(() => New(new string('路', Suggestion.MaxText + 1))).Code.ShouldBe("Suggestion.Text");
    }

    [Fact]
    public void The_classifier_learns_categories_from_labelled_words()
    {
        var classifier = SuggestionClassifier.Train(
        [
            (OpinionCategory.PublicTransport, W("公交 站台 太远")),
            (OpinionCategory.PublicTransport, W("地铁 出口 拥堵")),
            (OpinionCategory.Environment, W("垃圾 清运 不及时")),
            (OpinionCategory.Environment, W("河道 发臭 垃圾")),
        ]);
        classifier.Predict(W("公交 站台 搬迁")).ShouldBe(OpinionCategory.PublicTransport);
        classifier.Predict(W("垃圾 桶 满了")).ShouldBe(OpinionCategory.Environment);
        classifier.Accuracy([(OpinionCategory.Environment, W("垃圾 分类")), (OpinionCategory.PublicTransport, W("垃圾 分类"))]).ShouldBe(0.5);
    }

    [Fact]
    public void Similar_suggestions_group_together_and_different_ones_stay_apart()
    {
        IReadOnlyList<string>[] texts =
        [
            W("小区 门口 公交 站台 太远"),
            W("垃圾 分类 投放点 太臭"),
            W("公交 站台 离 小区 门口 太远"),
            W("投放点 垃圾 太臭 希望 清运"),
            W("楼道 灯 坏了"),
        ];
        var groups = SuggestionSimilarity.Group(texts);
        groups.Select(g => g.ToArray()).ShouldBe([[0, 2], [1, 3], [4]]);
        SuggestionSimilarity.Cosine(texts[0], texts[0]).ShouldBe(1, 1e-9);
        SuggestionSimilarity.Cosine(texts[0], texts[4]).ShouldBe(0);
        SuggestionSimilarity.MostSimilar(texts[2], [(7, texts[1]), (9, texts[0])]).ShouldBe(9);
        SuggestionSimilarity.MostSimilar(texts[4], [(7, texts[1]), (9, texts[0])]).ShouldBeNull();
    }

    [Fact]
    public void A_year_of_contact_days_gives_each_community_a_second_sunday_every_month_with_leaders_in_turn()
    {
        var leaders = new[] { "张书记", "李主任", "王副主任" };
        var plan = ContactDayPlanner.Plan(ContactDayRule.SecondSunday, 2026, ["A", "B", "C", "D"], leaders).ToList();
        plan.Count.ShouldBe(48);
        plan.ShouldAllBe(p => p.Date.DayOfWeek == DayOfWeek.Sunday && p.Date.Day >= 8 && p.Date.Day <= 14);
        plan.Where(p => p.CommunityCode == "A").Select(p => p.Leader).Take(3).ShouldBe(leaders, "each community meets every leader in turn");
        plan.GroupBy(p => p.Date).ShouldAllBe(g => g.Take(leaders.Length).Select(p => p.Leader).Distinct().Count() == leaders.Length);
        plan.Single(p => p.CommunityCode == "A" && p.Date.Month == 3).Date.ShouldBe(new DateOnly(2026, 3, 8), "March 2026 starts on a Sunday, so its second Sunday is the 8th");
    }

    [Fact]
    public void Attendance_is_counted_on_or_after_the_day()
    {
        var leader = ContactLeader.Appoint("320591001000", "张书记", "街道党工委书记");
        var day = ContactDay.Plan("320591001001", new DateOnly(2026, 12, 13), leader, "社区党群服务中心二楼", new TimeOnly(9, 0), new TimeOnly(11, 30));
        Should.Throw<BusinessRuleViolationException>(() => day.RecordAttendance(30, 2, 1, new DateOnly(2026, 12, 12))).Code.ShouldBe("ContactDay.Attendance");
        Should.Throw<BusinessRuleViolationException>(() => day.RecordAttendance(-1, 2, 1, Today)).Code.ShouldBe("ContactDay.Attendance");
        day.RecordAttendance(30, 2, 1, Today);
        day.TotalAttendance.ShouldBe(33);
        Should.Throw<BusinessRuleViolationException>(() => day.Arrange("大厅", new TimeOnly(11, 0), new TimeOnly(9, 0), null, leader)).Code.ShouldBe("ContactDay.Arrangement");
        Should.Throw<BusinessRuleViolationException>(() => ContactLeader.Appoint("320591001000", " ", "书记")).Code.ShouldBe("Leader.Name");
    }
}
