using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Domain.Tests.Services;

public class ServiceTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly Region District = Region.Create(null, "320591", "明湖区");
    private static readonly Region Street = Region.Create(District, "320591001000", "湖滨街道");
    private static readonly Region CommunityA = Region.Create(Street, "320591001001", "湖滨社区", UrbanRuralClass.MainUrbanArea);

    private static ServiceItem Item(string region = "320591", DutyList list = DutyList.AssistGovernment)
    {
        var item = ServiceItem.Define(region, "L2-03", "高龄津贴申领", CommunityFunction.ElderlyAndDisability, ServiceItemKind.Fixed, list);
        item.Revise("符合条件的 80 周岁以上老人，材料齐全当场受理。", [("受理", 0, "身份证、户口簿"), ("审核", 5, null), ("发放", 10, null)]);
        return item;
    }

    [Fact]
    public void An_item_is_public_only_once_a_version_is_published_and_published_versions_do_not_change()
    {
        var item = ServiceItem.Define("320591", "L1-01", "居民证明", CommunityFunction.CivilAffairs, ServiceItemKind.Fixed, DutyList.LegalDuty);
        item.Current.ShouldBeNull();
        Should.Throw<BusinessRuleViolationException>(() => item.Publish(Today)).Code.ShouldBe("ServiceItem.Publish");

        item.Revise("当日办结。", [("受理", 0, "身份证")]);
        item.Current.ShouldBeNull("a draft is not public");
        item.Publish(Today).Number.ShouldBe(1);

        item.Revise("当日办结，材料不全一次告知。", [("受理", 0, "身份证"), ("出具证明", 1, null)]);
        item.Revise("当日办结，材料不全一次性告知。", [("受理", 0, "身份证"), ("出具证明", 1, null)]);
        item.Versions.Count.ShouldBe(2, "revising again replaces the pending draft");
        item.Current!.Number.ShouldBe(1);
        item.Current.Standard.ShouldBe("当日办结。");
        item.Current.Steps.Count.ShouldBe(1);

        item.Publish(Today.AddDays(1));
        item.Current!.Number.ShouldBe(2);
        item.Current.Steps.Select(s => (s.Order, s.Name)).ShouldBe([(1, "受理"), (2, "出具证明")]);
    }

    [Fact]
    public void A_flow_needs_named_steps_within_limits()
    {
        var item = ServiceItem.Define("320591", "L1-02", "调解", CommunityFunction.SafetyAndMediation, ServiceItemKind.Fixed, DutyList.LegalDuty);
        Should.Throw<BusinessRuleViolationException>(() => item.Revise("规范", [])).Code.ShouldBe("ServiceItem.Steps");
        Should.Throw<BusinessRuleViolationException>(() => item.Revise("规范", [("受理", 91, null)])).Code.ShouldBe("ServiceItem.Steps");
        Should.Throw<BusinessRuleViolationException>(() => item.Revise(" ", [("受理", 1, null)])).Code.ShouldBe("ServiceItem.Standard");
    }

    [Fact]
    public void An_item_applies_to_the_communities_under_the_region_that_defines_it()
    {
        Item("320591001").AppliesTo("320591001001").ShouldBeTrue();
        Item("320591001").AppliesTo("320591002001").ShouldBeFalse();
    }

    [Fact]
    public void An_agreement_packages_list_two_items_of_its_community()
    {
        var listOne = Item(list: DutyList.LegalDuty);
        Should.Throw<BusinessRuleViolationException>(() => ServiceAgreement.Sign("320591001001", 2026, Today, 80000, "街道提供经费，社区按清单协助。", [(listOne, null)])).Code.ShouldBe("Agreement.Items");
        Should.Throw<BusinessRuleViolationException>(() => ServiceAgreement.Sign("320591001001", 2026, Today, -1, "x", [(Item(), null)])).Code.ShouldBe("Agreement.Terms");
        var a = ServiceAgreement.Sign("320591001001", 2026, Today, 80000, "街道提供经费，社区按清单协助。", [(Item(), "受理率 100%")]);
        a.Items.Single().Target.ShouldBe("受理率 100%");
    }

    [Theory]
    [InlineData(RecurrenceFrequency.Weekly, 1, "2026-11-01", "2026-11-30", "2026-11-02,2026-11-09,2026-11-16,2026-11-23,2026-11-30")]
    [InlineData(RecurrenceFrequency.Weekly, 7, "2026-11-01", "2026-11-14", "2026-11-01,2026-11-08")]
    [InlineData(RecurrenceFrequency.Monthly, 0, "2028-01-15", "2028-03-31", "2028-01-31,2028-02-29,2028-03-31")]
    [InlineData(RecurrenceFrequency.Monthly, 10, "2026-11-11", "2027-01-10", "2026-12-10,2027-01-10")]
    [InlineData(RecurrenceFrequency.Quarterly, 25, "2026-01-01", "2026-12-31", "2026-03-25,2026-06-25,2026-09-25,2026-12-25")]
    public void Routine_work_falls_due_by_its_rule(RecurrenceFrequency frequency, int day, string from, string to, string expected)
    {
        new Recurrence(frequency, day).DueDates(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture))
            .Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(expected.Split(','));
    }

    private static TaskAssignee WithId(TaskAssignee a, int id)
    {
        typeof(TaskAssignee).GetProperty(nameof(TaskAssignee.Id))!.SetValue(a, id);
        return a;
    }

    [Fact]
    public void Routine_occurrences_not_reported_by_their_date_are_overdue()
    {
        var task = WorkTask.Routine("320591001000", "每周安全巡查", "巡查楼道消防通道", new Recurrence(RecurrenceFrequency.Weekly, 5), new DateOnly(2026, 11, 1), null,
            [WithId(TaskAssignee.Community("320591001001"), 1)]);
        task.Overdue(Today).Select(o => (o.DueOn, o.DaysLate)).ShouldBe([(new DateOnly(2026, 11, 6), 20), (new DateOnly(2026, 11, 13), 13), (new DateOnly(2026, 11, 20), 6)]);

        task.Complete(1, new DateOnly(2026, 11, 13), Today, "已巡查，清理杂物 3 处", "w");
        task.Overdue(Today).Count.ShouldBe(2);
        task.NextDue(1, Today).ShouldBe(new DateOnly(2026, 11, 27));
        Should.Throw<BusinessRuleViolationException>(() => task.Complete(1, new DateOnly(2026, 11, 13), Today, "again", "w")).Code.ShouldBe("Task.Done");
        Should.Throw<BusinessRuleViolationException>(() => task.Complete(1, new DateOnly(2026, 11, 14), Today, "not a due date", "w")).Code.ShouldBe("Task.Occurrence");
        Should.Throw<BusinessRuleViolationException>(() => task.Complete(1, new DateOnly(2026, 12, 11), Today, "too early", "w")).Code.ShouldBe("Task.Early");
    }

    [Fact]
    public void A_surge_task_is_assessed_once_after_completion_with_a_score_or_a_grade()
    {
        var worker = Worker.Hire(CommunityA, new WorkerProfile("沈慧敏", "社工", EmploymentCategory.ProfessionalSocialWorker, Qualification.SocialWorker, 2019, new DateOnly(2016, 9, 1)));
        Should.Throw<BusinessRuleViolationException>(() => WorkTask.Surge("320591001000", "防汛排查", "排查低洼住户", Today.AddDays(-1), Today, [TaskAssignee.Worker(worker)])).Code.ShouldBe("Task.Deadline");
        var task = WorkTask.Surge("320591001000", "防汛排查", "排查低洼住户", Today.AddDays(3), Today, [WithId(TaskAssignee.Worker(worker), 4)]);
        task.Overdue(Today.AddDays(3)).ShouldBeEmpty();
        task.Overdue(Today.AddDays(4)).Single().DaysLate.ShouldBe(1);

        var done = task.Complete(4, Today.AddDays(3), Today.AddDays(2), "排查 42 户，转移 3 户", "w");
        done.OnTime.ShouldBeTrue();
        typeof(TaskCompletion).GetProperty(nameof(TaskCompletion.Id))!.SetValue(done, 9);

        Should.Throw<BusinessRuleViolationException>(() => task.Assess(9, 90, Grade.Excellent, "核实", "s", Today)).Code.ShouldBe("Task.Assessment");
        Should.Throw<BusinessRuleViolationException>(() => task.Assess(9, 101, null, "核实", "s", Today)).Code.ShouldBe("Task.Assessment");
        Should.Throw<BusinessRuleViolationException>(() => task.Assess(9, 90, null, " ", "s", Today)).Code.ShouldBe("Task.Assessment");
        task.Assess(9, 92, null, "实际排查 42 户，台账齐全", "street-admin", Today.AddDays(3));
        done.Score.ShouldBe(92);
        Should.Throw<BusinessRuleViolationException>(() => task.Assess(9, null, Grade.Good, "再评", "s", Today)).Code.ShouldBe("Task.Assess");
    }

    [Fact]
    public void Routine_work_is_not_assessed_like_surge_work()
    {
        var task = WorkTask.Routine("320591001000", "月度台账", "更新台账", new Recurrence(RecurrenceFrequency.Monthly, 0), new DateOnly(2026, 10, 1), null, [WithId(TaskAssignee.Community("320591001001"), 1)]);
        var done = task.Complete(1, new DateOnly(2026, 11, 30), Today, "已更新", "w");
        Should.Throw<BusinessRuleViolationException>(() => task.Assess(done.Id, 80, null, "x", "s", Today)).Code.ShouldBe("Task.Assess");
    }

    [Fact]
    public void A_service_record_stays_within_ninety_days_and_the_item_must_be_offered_where_the_household_lives()
    {
        var sealer = new Registry.TransparentSealer();
        var household = Household.Register(CommunityA, new HouseholdAddress("3", "2", "301", null), DwellingType.Apartment, sealer);
        var worker = Worker.Hire(CommunityA, new WorkerProfile("沈慧敏", "社工", EmploymentCategory.ProfessionalSocialWorker, Qualification.SocialWorker, 2019, new DateOnly(2016, 9, 1)));
        var now = new DateTime(2026, 11, 26, 10, 0, 0);
        ServiceDelivery Delivery(ServiceItem item, DateTime at, int minutes = 30) => new(item, worker, household, null, at, ServiceMode.ProactiveVisit, ProviderType.Staff, ServiceOutcome.Completed, minutes, "上门代办");

        var record = ServiceRecord.Record(Delivery(Item(), now.AddHours(-1)), now, now.ToUniversalTime(), "w");
        record.RegionCode.ShouldBe("320591001001");
        Should.Throw<BusinessRuleViolationException>(() => ServiceRecord.Record(Delivery(Item(), now.AddDays(-91)), now, now, "w")).Code.ShouldBe("ServiceRecord.When");
        Should.Throw<BusinessRuleViolationException>(() => ServiceRecord.Record(Delivery(Item(), now.AddHours(1)), now, now, "w")).Code.ShouldBe("ServiceRecord.When");
        Should.Throw<BusinessRuleViolationException>(() => ServiceRecord.Record(Delivery(Item(), now, 0), now, now, "w")).Code.ShouldBe("ServiceRecord.Minutes");
        Should.Throw<BusinessRuleViolationException>(() => ServiceRecord.Record(Delivery(Item("320591002"), now), now, now, "w")).Code.ShouldBe("ServiceRecord.Item");
    }

    [Theory]
    [InlineData(null, 7, "2026-11-26", VisitState.Due, 0)]
    [InlineData("2026-11-19", 7, "2026-11-26", VisitState.Due, 0)]
    [InlineData("2026-11-18", 7, "2026-11-26", VisitState.Overdue, 1)]
    [InlineData("2026-11-01", 14, "2026-11-26", VisitState.Overdue, 11)]
    [InlineData("2026-11-21", 7, "2026-11-26", VisitState.DueSoon, 0)]
    [InlineData("2026-11-25", 7, "2026-11-26", VisitState.NotDue, 0)]
    public void Visit_frequency_gives_each_resident_a_due_date(string? last, int interval, string today, VisitState state, int overdueDays)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var due = new VisitRules().Assess(last is null ? null : DateOnly.Parse(last, culture), interval, DateOnly.Parse(today, culture));
        due.State.ShouldBe(state);
        due.OverdueDays.ShouldBe(overdueDays);
    }

    [Fact]
    public void The_strictest_rule_sets_the_interval_for_a_key_recipient_living_alone()
    {
        var rules = new VisitRules { KeyRecipientDays = 5 };
        rules.IntervalFor(CareLevel.Key, [SpecialGroup.LivingAlone, SpecialGroup.Disability]).ShouldBe(5);
        rules.IntervalFor(CareLevel.Regular, [SpecialGroup.Disability]).ShouldBe(30);
        rules.IntervalFor(CareLevel.Regular, []).ShouldBeNull();
    }
}
