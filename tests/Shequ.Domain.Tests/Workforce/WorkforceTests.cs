using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Workforce;

namespace Shequ.Domain.Tests.Workforce;

public class WorkforceTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Region District = Region.Create(null, "320591", "明湖区");
    private static readonly Region Street = Region.Create(District, "320591001000", "湖滨街道");
    private static readonly Region CommunityA = Region.Create(Street, "320591001001", "湖滨社区", UrbanRuralClass.MainUrbanArea);
    private static readonly Region OtherStreet = Region.Create(District, "320591002000", "双塔街道");
    private static readonly Region CommunityB = Region.Create(OtherStreet, "320591002001", "双塔社区", UrbanRuralClass.MainUrbanArea);

    private static WorkerProfile Profile(Qualification q = Qualification.SocialWorker, int? year = 2019) =>
        new("沈慧敏", "社工", EmploymentCategory.ProfessionalSocialWorker, q, year, new DateOnly(2016, 9, 1));

    [Fact]
    public void A_worker_is_employed_by_a_street_or_community_and_serves_only_under_it()
    {
        var worker = Worker.Hire(Street, Profile());
        worker.AssignTo([CommunityA]);
        worker.Assignments.Single().RegionCode.ShouldBe("320591001001");
        Should.Throw<BusinessRuleViolationException>(() => worker.AssignTo([CommunityB])).Code.ShouldBe("Worker.Assignments");
        Should.Throw<BusinessRuleViolationException>(() => Worker.Hire(District, Profile())).Code.ShouldBe("Worker.Employer");
    }

    [Fact]
    public void A_qualified_social_worker_has_an_exam_year()
    {
        Should.Throw<BusinessRuleViolationException>(() => Worker.Hire(Street, Profile(Qualification.AssistantSocialWorker, null)));
        Should.Throw<BusinessRuleViolationException>(() => Worker.Hire(Street, Profile(Qualification.SeniorSocialWorker, 2001)));
        Worker.Hire(Street, Profile(Qualification.None, null)).QualificationYear.ShouldBeNull();
    }

    [Fact]
    public void Seniority_counts_whole_years_from_the_start_date()
    {
        var worker = Worker.Hire(Street, Profile());
        worker.SeniorityYears(new DateOnly(2026, 8, 31)).ShouldBe(9);
        worker.SeniorityYears(new DateOnly(2026, 9, 1)).ShouldBe(10);
    }

    [Fact]
    public void Pay_is_kept_per_year_and_never_negative()
    {
        var worker = Worker.Hire(Street, Profile());
        worker.SetPay(2026, 4200, 600, 300);
        worker.SetPay(2026, 4300, 600, 300);
        worker.Pay.Single().Total.ShouldBe(5200);
        Should.Throw<BusinessRuleViolationException>(() => worker.SetPay(2027, -1, 0, 0));
    }

    [Fact]
    public void Declared_kin_are_kept_once_each_with_their_relation()
    {
        var worker = Worker.Hire(Street, Profile());
        worker.DeclareKin(42, "母亲");
        worker.DeclareKin(42, "母亲 ");
        worker.Kin.Single().Relation.ShouldBe("母亲");
        Should.Throw<BusinessRuleViolationException>(() => worker.DeclareKin(43, " "));
    }

    [Fact]
    public void A_visit_names_its_households_and_a_log_entry_has_a_sensible_duration_and_date()
    {
        var worker = Worker.Hire(Street, Profile());
        var entry = WorkLogEntry.Record(worker, Today, Today, WorkCategory.HomeVisit, 90, "走访独居老人，检查燃气", [7, 7, 9]);
        entry.Visited.Select(v => v.HouseholdId).ShouldBe([7, 9]);
        entry.RegionCode.ShouldBe("320591001000");
        Should.Throw<BusinessRuleViolationException>(() => WorkLogEntry.Record(worker, Today, Today, WorkCategory.HomeVisit, 30, "走访", [])).Code.ShouldBe("WorkLog.Visits");
        Should.Throw<BusinessRuleViolationException>(() => WorkLogEntry.Record(worker, Today.AddDays(1), Today, WorkCategory.Meeting, 30, "例会", [])).Code.ShouldBe("WorkLog.Date");
        Should.Throw<BusinessRuleViolationException>(() => WorkLogEntry.Record(worker, Today, Today, WorkCategory.Meeting, 17 * 60, "例会", [])).Code.ShouldBe("WorkLog.Minutes");
    }

    [Fact]
    public void The_strictest_visit_rule_wins_and_key_recipients_are_weekly()
    {
        var rules = new VisitRules();
        rules.IntervalFor(CareLevel.Regular, []).ShouldBeNull();
        rules.IntervalFor(CareLevel.Regular, [SpecialGroup.Dibao]).ShouldBe(30);
        rules.IntervalFor(CareLevel.Regular, [SpecialGroup.Dibao, SpecialGroup.EmptyNest]).ShouldBe(14);
        rules.IntervalFor(CareLevel.Key, [SpecialGroup.Dibao]).ShouldBe(7);
        VisitRules.DueOn(new DateOnly(2026, 11, 10), 7, Today).ShouldBe(new DateOnly(2026, 11, 17));
        VisitRules.DueOn(null, 7, Today).ShouldBe(Today);
    }
}

public class TrainingTests
{
    private static readonly Region District = Region.Create(null, "320591", "明湖区");

    [Fact]
    public void The_essays_plan_of_20_sessions_over_3_months_fills_up_session_by_session()
    {
        var plan = TrainingPlan.Create(District, "社工能力提升三年计划（第一期）", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), 20);
        for (var i = 0; i < 10; i++)
        {
            plan.AddSession(new DateOnly(2026, 3, 2).AddDays(i * 7), $"第{i + 1}讲", 3);
        }

        plan.PlannedProgress.ShouldBe(0.5m);
        Should.Throw<BusinessRuleViolationException>(() => plan.AddSession(new DateOnly(2026, 6, 1), "超期", 3)).Code.ShouldBe("Training.SessionDate");
        Should.Throw<BusinessRuleViolationException>(() => plan.AddSession(new DateOnly(2026, 4, 1), "过长", 9)).Code.ShouldBe("Training.Session");
    }

    [Fact]
    public void A_plan_needs_a_period_and_a_count()
    {
        Should.Throw<BusinessRuleViolationException>(() => TrainingPlan.Create(District, "倒挂", new DateOnly(2026, 5, 1), new DateOnly(2026, 3, 1), 20));
        Should.Throw<BusinessRuleViolationException>(() => TrainingPlan.Create(District, "无场次", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1), 0));
    }

    [Fact]
    public void Attendance_lists_each_worker_once()
    {
        var plan = TrainingPlan.Create(District, "培训", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31), 20);
        var session = plan.AddSession(new DateOnly(2026, 3, 2), "第1讲", 3);
        typeof(TrainingSession).GetProperty(nameof(TrainingSession.Id))!.SetValue(session, 5);
        plan.RecordAttendance(5, [1, 2, 2, 3]);
        session.Attendance.Select(a => a.WorkerId).ShouldBe([1, 2, 3]);
        Should.Throw<BusinessRuleViolationException>(() => plan.RecordAttendance(99, [1]));
    }
}
