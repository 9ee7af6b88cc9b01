using Shequ.Domain.Assessment;
using Shequ.Domain.Common;

namespace Shequ.Domain.Tests.Assessment;

public class PayTests
{
    private static List<PayInput> Group(params decimal[] scores) => [.. scores.Select((s, i) => new PayInput(i + 1, s, 45_000))];

    [Fact]
    public void The_essays_figures_average_income_45000_share_20_percent_spread_40_percent_give_9000_and_a_gap_of_3600()
    {
        var workers = Group(96, 90, 85, 80, 72);
        var (pool, average, gap) = PayCalculator.Frame(workers, PaySettings.Current);
        average.ShouldBe(9_000m);
        gap.ShouldBe(3_600m);
        pool.ShouldBe(45_000m);

        var pay = PayCalculator.Settle(workers, PaySettings.Current);
        (pay.Max(p => p.AssessmentPay) - pay.Min(p => p.AssessmentPay)).ShouldBe(3_600m);
        pay.Sum(p => p.AssessmentPay).ShouldBe(pool, "budget neutral: the pool is paid out exactly");
        pay.Single(p => p.Score == 96).AssessmentPay!.Value.ShouldBeGreaterThan(pay.Single(p => p.Score == 90).AssessmentPay!.Value);
    }

    [Fact]
    public void The_essays_proposal_of_a_gap_of_a_quarter_of_income_widens_the_spread_but_keeps_the_pool()
    {
        var workers = Group(96, 90, 85, 80, 72);
        var pay = PayCalculator.Settle(workers, PaySettings.EssayProposal);
        (pay.Max(p => p.AssessmentPay) - pay.Min(p => p.AssessmentPay)).ShouldBe(11_250m);
        pay.Sum(p => p.AssessmentPay).ShouldBe(45_000m);
    }

    [Fact]
    public void Equal_scores_get_equal_pay_and_a_gap_that_would_pay_someone_below_zero_is_refused_not_capped()
    {
        PayCalculator.Settle(Group(80, 80, 80), PaySettings.Current).ShouldAllBe(p => p.AssessmentPay == 9_000m);
        var refused = Should.Throw<BusinessRuleViolationException>(() => PayCalculator.Settle(Group(100, 100, 100, 0), new PaySettings(0.10m, SpreadRule.ShareOfIncome, 0.30m)));
        refused.Code.ShouldBe("Pay.BelowZero");
        refused.Message.ShouldContain("13,500");
        Should.Throw<BusinessRuleViolationException>(() => PayCalculator.Settle(Group(80), new PaySettings(0.6m, SpreadRule.ShareOfAssessmentPay, 0.4m))).Message.ShouldContain("不超过 50%");
    }

    [Theory]
    [InlineData(SpreadRule.ShareOfAssessmentPay, 0.41, false)]
    [InlineData(SpreadRule.ShareOfAssessmentPay, 0.40, true)]
    [InlineData(SpreadRule.ShareOfAssessmentPay, 0, true)]
    [InlineData(SpreadRule.ShareOfIncome, 0.19, false)]
    [InlineData(SpreadRule.ShareOfIncome, 0.20, true)]
    [InlineData(SpreadRule.ShareOfIncome, 0.30, true)]
    [InlineData(SpreadRule.ShareOfIncome, 0.60, false)]
    public void The_spread_stays_within_the_essays_limits_for_its_rule(SpreadRule rule, double spread, bool valid)
    {
        var settings = new PaySettings(0.20m, rule, (decimal)spread);
        settings.IsValid.ShouldBe(valid);
        if (!valid)
        {
            Should.Throw<BusinessRuleViolationException>(() => PayCalculator.Frame(Group(80, 90), settings)).Code.ShouldBe("Pay.Settings");
        }
    }

    [Fact]
    public void A_worker_without_a_score_is_paid_as_the_lowest_or_decided_separately_never_the_average()
    {
        var workers = new List<PayInput> { new(1, 96, 45_000), new(2, 90, 45_000), new(3, 72, 45_000), new(4, null, 45_000) };
        var asLowest = PayCalculator.Settle(workers, PaySettings.Current).ToDictionary(p => p.WorkerId);
        asLowest[4].AssessmentPay.ShouldBe(asLowest[3].AssessmentPay);
        asLowest[4].AssessmentPay!.Value.ShouldBeLessThan(9_000m);
        asLowest.Values.Sum(p => p.AssessmentPay).ShouldBe(36_000m);

        var apart = PayCalculator.Settle(workers, PaySettings.Current with { Unscored = UnscoredPay.DecidedSeparately }).ToDictionary(p => p.WorkerId);
        apart[4].AssessmentPay.ShouldBeNull();
        apart.Values.Sum(p => p.AssessmentPay ?? 0).ShouldBe(27_000m, "the pool covers the three scored workers");
        (apart[1].AssessmentPay - apart[3].AssessmentPay).ShouldBe(3_600m);
    }

    [Fact]
    public void Rounding_leftovers_go_by_largest_remainder_among_scored_workers_so_the_pool_is_exact()
    {
        var workers = new List<PayInput> { new(1, 91, 44_999), new(2, 77, 45_001), new(3, 83, 45_000), new(4, null, 45_000) };
        var pay = PayCalculator.Settle(workers, PaySettings.Current);
        pay.Sum(p => p.AssessmentPay).ShouldBe(36_000m);
        pay.ShouldAllBe(p => p.AssessmentPay == Math.Round(p.AssessmentPay!.Value));
        // Placed at the lowest score (worker 2's), it is paid worker 2's amount rounded down: a leftover yuan may go to
        // worker 2, never to it.
        var lowestScored = pay.Single(p => p.WorkerId == 2).AssessmentPay!.Value;
        (lowestScored - pay.Single(p => p.WorkerId == 4).AssessmentPay!.Value).ShouldBeInRange(0m, 1m);
    }
}

public class EvaluationTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Theory]
    [InlineData(Grade.Excellent, null, false)]
    [InlineData(Grade.Poor, "  ", false)]
    [InlineData(Grade.Excellent, "上门帮我办了高龄津贴", true)]
    [InlineData(Grade.Good, null, true)]
    [InlineData(Grade.Fair, null, true)]
    public void An_extreme_grade_needs_a_reason(Grade grade, string? reason, bool accepted)
    {
        var cast = () => Evaluation.Cast(1, Guid.NewGuid(), 7, 3, grade, reason, Day);
        if (accepted)
        {
            cast().Counts.ShouldBeTrue();
        }
        else
        {
            Should.Throw<BusinessRuleViolationException>(cast).Message.ShouldContain("请写明理由");
            Evaluation.Cast(1, Guid.NewGuid(), 7, 3, grade, reason, Day, requireReason: false).Validity.ShouldBe(EvaluationValidity.NoReason, "a paper slip without a reason is kept but does not count");
        }
    }

    [Fact]
    public void Untrue_reasons_and_screened_out_grades_are_kept_but_not_counted()
    {
        var e = Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Poor, "从来没见过他", Day);
        e.CheckReason(isTrue: false);
        e.Validity.ShouldBe(EvaluationValidity.UntrueReason);
        e.Counts.ShouldBeFalse();

        var s = Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Good, null, Day);
        s.Screen(exclude: true, "亲属关系");
        s.Validity.ShouldBe(EvaluationValidity.ScreenedOut);
    }

    [Fact]
    public void A_score_is_shown_only_from_five_valid_evaluations_and_invalid_ones_do_not_move_it()
    {
        var ballots = new List<Evaluation>
        {
            Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Excellent, "很耐心", Day),
            Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Good, null, Day),
            Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Good, null, Day),
            Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Fair, null, Day),
        };
        EvaluationSummary.Of(ballots, 10, GradePoints.Default, 5).Score.ShouldBeNull();

        var untrue = Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Poor, "乱说", Day);
        untrue.CheckReason(false);
        ballots.Add(untrue);
        var summary = EvaluationSummary.Of(ballots, 10, GradePoints.Default, 5);
        summary.Score.ShouldBeNull("the untrue one does not make five");
        summary.Withheld.ShouldBeTrue();
        (summary.Excellent, summary.Good, summary.Fair, summary.Poor, summary.Invalid).ShouldBe((0, 0, 0, 0, 0), "below the minimum no count by grade is given out");
        summary.Valid.ShouldBe(4);

        ballots.Add(Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Good, null, Day));
        summary = EvaluationSummary.Of(ballots, 10, GradePoints.Default, 5);
        summary.Valid.ShouldBe(5);
        summary.Withheld.ShouldBeFalse();
        summary.Invalid.ShouldBe(1);
        summary.Score.ShouldBe((100m + 85 + 85 + 70 + 85) / 5);
        summary.ResponseRate.ShouldBe(0.6m);
    }
}

public class SchemeTests
{
    [Fact]
    public void Scores_are_weighted_and_ranked_and_only_a_missing_resident_evaluation_leaves_the_total_unknown()
    {
        var scheme = SchemeSettings.Default;
        var full = new Dictionary<Indicator, decimal?>
        {
            [Indicator.ResidentEvaluation] = 90, [Indicator.RoutineWork] = 80, [Indicator.SurgeTasks] = 100,
            [Indicator.RequestsOnTime] = 70, [Indicator.WorkLogCompleteness] = 60,
        };
        Scoring.Score(1, scheme, full).Total.ShouldBe((90 * 0.40m) + (80 * 0.20m) + (100 * 0.15m) + (70 * 0.15m) + (60 * 0.10m));
        var noResidents = new Dictionary<Indicator, decimal?>(full) { [Indicator.ResidentEvaluation] = null };
        Scoring.Score(2, scheme, noResidents).Total.ShouldBeNull();
        var noSurge = new Dictionary<Indicator, decimal?>(full) { [Indicator.SurgeTasks] = null };
        Scoring.Score(3, scheme, noSurge).Total.ShouldBe(Math.Round(((90 * 0.40m) + (80 * 0.20m) + (70 * 0.15m) + (60 * 0.10m)) / 0.85m, 2), "the other weights are scaled up to 100%");

        var ranks = Scoring.Rank([new ScoreCard(1, full, 90), new ScoreCard(2, full, 85), new ScoreCard(3, full, 90), new ScoreCard(4, full, null)]);
        ranks.ShouldBe(new Dictionary<int, int> { [1] = 1, [3] = 1, [2] = 3 });
    }

    [Fact]
    public void Weights_must_add_up_and_expectations_stay_realistic()
    {
        var bad = SchemeSettings.Default with { Weights = new Dictionary<Indicator, decimal> { [Indicator.ResidentEvaluation] = 0.5m, [Indicator.RoutineWork] = 0.4m } };
        Should.Throw<BusinessRuleViolationException>(() => Scoring.Check(bad)).Code.ShouldBe("Scheme.Weights");
        Should.Throw<BusinessRuleViolationException>(() => Scoring.Check(SchemeSettings.Default with { ExpectedExcellentShare = 0.95m })).Code.ShouldBe("Scheme.Expectation");
        Should.Throw<BusinessRuleViolationException>(() => Scoring.Check(SchemeSettings.Default with { MinimumValidEvaluations = 3 })).Code.ShouldBe("Scheme.Expectation");
    }
}

public class SamplingTests
{
    private static readonly SamplingExclusions None = new(new Dictionary<int, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>());

    private static List<ServedHousehold> Frame()
    {
        var frame = new List<ServedHousehold>();
        for (var h = 1; h <= 40; h++)
        {
            frame.Add(new ServedHousehold(1, 10, h <= 20 ? "G1" : "G2", h));
            if (h % 2 == 0)
            {
                frame.Add(new ServedHousehold(1, 11, "G1", h));
            }

            frame.Add(new ServedHousehold(2, 10, "G3", 100 + h));
        }

        return frame;
    }

    [Fact]
    public void The_stored_seed_and_frame_reproduce_the_draw_whatever_order_the_frame_came_in()
    {
        var a = EvaluatorSampler.Draw(Frame(), None, new SampleRule(3, 10), 20261201);
        var b = EvaluatorSampler.Draw(Enumerable.Reverse(Frame()).ToList(), None, new SampleRule(3, 10), 20261201);
        b.ShouldBe(a);
        EvaluatorSampler.Draw(Frame(), None, new SampleRule(3, 10), 42).ShouldNotBe(a);
    }

    [Fact]
    public void Draws_come_only_from_served_households_per_item_and_never_twice_per_worker()
    {
        var frame = Frame();
        var draws = EvaluatorSampler.Draw(frame, None, new SampleRule(4, 10), 7);
        draws.ShouldAllBe(d => frame.Contains(new ServedHousehold(d.WorkerId, d.ServiceItemId, d.GridCode, d.HouseholdId)));
        draws.Count(d => d.WorkerId == 1 && d.ServiceItemId == 10).ShouldBe(4);
        draws.Count(d => d.WorkerId == 1 && d.ServiceItemId == 11).ShouldBe(4);
        draws.Where(d => d.WorkerId == 1).Select(d => d.HouseholdId).ShouldBeUnique();
        draws.Count(d => d.WorkerId == 2).ShouldBe(4);
    }

    [Fact]
    public void A_household_alone_in_its_grid_or_its_item_is_not_drawn_every_time()
    {
        // Issue 14: stratifying by grid made a lone household of a grid a certain evaluator; an item served to one
        // household only would make that household the only possible author of its grades.
        var frame = Enumerable.Range(1, 20).Select(h => new ServedHousehold(1, 10, "G1", h))
            .Append(new ServedHousehold(1, 10, "G2", 99))
            .Append(new ServedHousehold(1, 12, "G1", 98)).ToList();
        var drawnLone = Enumerable.Range(0, 200).Count(seed => EvaluatorSampler.Draw(frame, None, new SampleRule(2, 10), seed).Any(d => d.HouseholdId == 99));
        drawnLone.ShouldBeInRange(5, 40, "2 of 21 households: about one campaign in ten");
        Enumerable.Range(0, 50).ShouldAllBe(seed => EvaluatorSampler.Draw(frame, None, new SampleRule(2, 10), seed).All(d => d.ServiceItemId != 12));
    }

    [Fact]
    public void The_cap_per_worker_drops_an_item_rather_than_leave_it_one_evaluator()
    {
        var frame = Enumerable.Range(1, 30).SelectMany(h => new[] { new ServedHousehold(1, 10, "G1", h), new ServedHousehold(1, 11, "G1", 100 + h), new ServedHousehold(1, 12, "G1", 200 + h) }).ToList();
        foreach (var seed in Enumerable.Range(0, 100))
        {
            var draws = EvaluatorSampler.Draw(frame, None, new SampleRule(3, 7), seed);
            draws.Count.ShouldBeLessThanOrEqualTo(7);
            draws.GroupBy(d => d.ServiceItemId).ShouldAllBe(g => g.Count() >= SampleRule.MinimumPerItem);
        }
    }

    [Fact]
    public void Own_household_kin_other_workers_and_recent_evaluators_are_never_drawn()
    {
        var exclusions = new SamplingExclusions(
            new Dictionary<int, IReadOnlySet<int>> { [1] = new HashSet<int> { 1, 2, 3 } },
            new HashSet<int> { 4, 5 },
            new HashSet<int> { 6, 7, 8, 9 });
        for (var seed = 0; seed < 200; seed++)
        {
            var draws = EvaluatorSampler.Draw(Frame(), exclusions, new SampleRule(5, 12), seed);
            draws.Where(d => d.WorkerId == 1).ShouldAllBe(d => d.HouseholdId > 9);
        }
    }

    [Fact]
    public void Within_a_stratum_every_household_is_equally_likely_chi_square_with_a_fixed_seed()
    {
        // One worker, one item, one grid of 20 households, two drawn per campaign, 4,000 campaigns.
        var frame = Enumerable.Range(1, 20).Select(h => new ServedHousehold(1, 10, "G1", h)).ToList();
        var counts = new int[21];
        var seeds = new Random(20261126);
        const int Campaigns = 4_000;
        for (var i = 0; i < Campaigns; i++)
        {
            foreach (var d in EvaluatorSampler.Draw(frame, None, new SampleRule(2, 2), seeds.NextInt64()))
            {
                counts[d.HouseholdId]++;
            }
        }

        var expected = Campaigns * 2 / 20.0;
        var chiSquare = counts.Skip(1).Sum(c => (c - expected) * (c - expected) / expected);

        // 19 degrees of freedom: the 99.9th percentile is 43.8.
        chiSquare.ShouldBeLessThan(43.8);
    }
}

public class ScreeningTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static readonly string[] Pasted = ["上门帮我办理，态度很好，很耐心。", "上门帮我办理，态度很好，很耐心。", "上门帮我办理 态度很好 很耐心", "上门帮我办理，态度很好，很耐心！"];

    private static List<Evaluation> Ballot(DateOnly day, params Grade[] grades)
    {
        var ballot = Guid.NewGuid();
        return [.. grades.Select((g, i) => Evaluation.Cast(1, ballot, i + 1, 9, g, g is Grade.Excellent or Grade.Poor ? "理由" : null, day))];
    }

    [Fact]
    public void Straight_lining_and_extremes_only_are_flagged_and_ordinary_ballots_are_not()
    {
        var straight = Ballot(Day, Grade.Good, Grade.Good, Grade.Good);
        var extremes = Ballot(Day, Grade.Excellent, Grade.Poor);
        var ordinary = Ballot(Day, Grade.Excellent, Grade.Good, Grade.Fair);
        var flags = Screening.Flag([.. straight, .. extremes, .. ordinary]);
        flags.Single(f => f.BallotId == straight[0].BallotId).Kind.ShouldBe(FlagKind.StraightLining);
        flags.Single(f => f.BallotId == extremes[0].BallotId).Kind.ShouldBe(FlagKind.ExtremesOnly);
        flags.ShouldNotContain(f => f.BallotId == ordinary[0].BallotId);
        Screening.Flag(Ballot(Day, Grade.Good, Grade.Good)).ShouldBeEmpty("two equal grades are not a pattern");
    }

    [Fact]
    public void The_same_reason_pasted_into_several_ballots_is_flagged_and_common_short_praise_is_not()
    {
        List<Evaluation> With(string reason) => [Evaluation.Cast(1, Guid.NewGuid(), 1, 9, Grade.Excellent, reason, Day), Evaluation.Cast(1, Guid.NewGuid(), 2, 9, Grade.Good, null, Day)];
        var copied = Pasted.SelectMany(With).ToList();
        var own = With("帮我母亲申请了高龄津贴，跑了三趟");
        var praise = Enumerable.Repeat("很好很耐心", 3).SelectMany(With).ToList();
        var flags = Screening.Flag([.. copied, .. own, .. praise]);
        flags.Where(f => f.Kind == FlagKind.CopiedReason).Select(f => f.BallotId).ShouldBe(copied.Where(e => e.Reason is not null).Select(e => e.BallotId), ignoreOrder: true);
        flags.ShouldNotContain(f => own.Any(e => e.BallotId == f.BallotId) || praise.Any(e => e.BallotId == f.BallotId));
    }

    [Fact]
    public void A_day_with_many_times_the_usual_ballots_is_flagged()
    {
        var quiet = Enumerable.Range(0, 5).SelectMany(d => Enumerable.Range(0, 2).SelectMany(_ => Ballot(Day.AddDays(d), Grade.Good, Grade.Fair))).ToList();
        var burst = Enumerable.Range(0, 12).SelectMany(_ => Ballot(Day.AddDays(6), Grade.Good, Grade.Fair)).ToList();
        var flags = Screening.Flag([.. quiet, .. burst]);
        flags.Where(f => f.Kind == FlagKind.Burst).Select(f => f.BallotId).Distinct().Count().ShouldBe(12);
        flags.ShouldAllBe(f => burst.Any(e => e.BallotId == f.BallotId));
    }
}

public class PublicationTests
{
    private static readonly DateOnly Today = new(2027, 1, 5);

    [Fact]
    public void Results_are_publicized_open_to_appeals_for_the_window_and_freeze_only_when_every_appeal_is_decided()
    {
        var period = AssessmentPeriod.For("320591", 2026, 4);
        Should.Throw<BusinessRuleViolationException>(() => period.Publicize(Today, 7, "[]")).Code.ShouldBe("Period.Status");
        period.Close(Today);
        Should.Throw<BusinessRuleViolationException>(() => period.Publicize(Today, 0, "[]")).Code.ShouldBe("Period.Window");
        Should.Throw<BusinessRuleViolationException>(() => period.Publicize(Today, 7, "[]", uncheckedReasons: 4)).Code.ShouldBe("Period.Unchecked");
        Should.Throw<BusinessRuleViolationException>(() => period.Publicize(Today, 7, "[]", uncheckedReasons: 4, acceptedUnchecked: "  ")).Code.ShouldBe("Period.Unchecked");
        period.Publicize(Today, 7, "[{\"workerId\":7,\"total\":80}]");
        period.AcceptsObjections(Today.AddDays(7)).ShouldBeTrue();
        period.AcceptsObjections(Today.AddDays(8)).ShouldBeFalse();

        var appeal = ScoreAppeal.File(period, 7, "有两份评议来自我没服务过的住户", Today.AddDays(2));
        Should.Throw<BusinessRuleViolationException>(() => ScoreAppeal.File(period, 7, "晚了", Today.AddDays(8))).Code.ShouldBe("Appeal.File");
        Should.Throw<BusinessRuleViolationException>(() => period.Freeze(Today.AddDays(5), 1)).Code.ShouldBe("Period.Freeze");
        Should.Throw<BusinessRuleViolationException>(() => period.Freeze(Today.AddDays(8), 1)).Code.ShouldBe("Period.Freeze");

        appeal.Decide(upheld: true, "核实属实，两份评议剔除", "district", Today.AddDays(6));
        Should.Throw<BusinessRuleViolationException>(() => appeal.Decide(false, "再议", "district", Today.AddDays(6))).Code.ShouldBe("Appeal.Decide");
        period.Correct("[{\"workerId\":7,\"total\":78}]", changedLines: 1, "申诉成立，剔除两份评议");
        period.Freeze(Today.AddDays(8), 0);
        period.Status.ShouldBe(PeriodStatus.Frozen);
        period.Results.ShouldBe("[{\"workerId\":7,\"total\":78}]", "freezing keeps the published results with their correction");
        Should.Throw<BusinessRuleViolationException>(() => period.Close(Today)).Code.ShouldBe("Period.Status");
    }

    [Fact]
    public void Published_results_change_only_by_a_correction_with_a_reason_and_never_once_frozen()
    {
        var period = AssessmentPeriod.For("320591", 2026, 4);
        period.Close(Today);
        Should.Throw<BusinessRuleViolationException>(() => period.Correct("[]", 1, "早了")).Code.ShouldBe("Period.Correction");
        period.Publicize(Today, 3, "[1]");
        Should.Throw<BusinessRuleViolationException>(() => period.Correct("[2]", 1, " ")).Code.ShouldBe("Period.Correction");
        Should.Throw<BusinessRuleViolationException>(() => period.Correct("[1]", 0, "没变")).Message.ShouldContain("没有变化");
        period.Freeze(Today.AddDays(4), 0);
        Should.Throw<BusinessRuleViolationException>(() => period.Correct("[2]", 1, "定档后")).Message.ShouldContain("定档后的结果不再改变");
        period.Results.ShouldBe("[1]");
    }

    [Fact]
    public void A_period_closed_early_is_measured_up_to_the_day_it_closed()
    {
        var q4 = AssessmentPeriod.For("320591", 2026, 4);
        q4.MeasuredUntil.ShouldBe(new DateOnly(2026, 12, 31));
        q4.Close(new DateOnly(2026, 12, 20));
        q4.MeasuredUntil.ShouldBe(new DateOnly(2026, 12, 20));
        var q3 = AssessmentPeriod.For("320591", 2026, 3);
        q3.Close(new DateOnly(2026, 10, 9));
        q3.MeasuredUntil.ShouldBe(new DateOnly(2026, 9, 30), "closed after its end: the quarter's own days only");
    }
}

public class AnnualScoreTests
{
    [Fact]
    public void The_year_is_the_mean_of_its_scored_quarters_blended_with_surge_assessments_at_the_scheme_weight()
    {
        var scheme = SchemeSettings.Default with { AnnualSurgeWeight = 0.25m };
        Scoring.Annual([80m, 90m, null, 70m], 60m, scheme).ShouldBe(75.00m, "quarters 80/90/70 → 80; 0.75 × 80 + 0.25 × 60");
        Scoring.Annual([80m, 90m, null, 70m], null, scheme).ShouldBe(80.00m, "no surge assessment: the quarters alone");
        Scoring.Annual([null, null, null, null], 95m, scheme).ShouldBeNull("without a scored quarter the year has no total");
        Scoring.Annual([85.555m], 100m, SchemeSettings.Default).ShouldBe(88.44m, "0.8 × 85.555 + 0.2 × 100, rounded to 2 places");
    }

    [Fact]
    public void An_annual_surge_weight_above_half_is_refused_and_a_campaign_cannot_run_in_the_year()
    {
        Should.Throw<BusinessRuleViolationException>(() => Scoring.Check(SchemeSettings.Default with { AnnualSurgeWeight = 0.6m })).Code.ShouldBe("Scheme.AnnualSurge");
        var year = AssessmentPeriod.For("320591", 2026, null);
        Should.Throw<BusinessRuleViolationException>(() => EvaluationCampaign.Start(year, "320591001", new SampleRule(3, 20), 1, "", "k", DateTime.UtcNow, 14, "street"))
            .Code.ShouldBe("Campaign.Annual");
    }
}

public class SchemeVersionTests
{
    [Fact]
    public void A_scheme_version_keeps_its_settings_and_refuses_nonsense()
    {
        var v = AssessmentScheme.Version("320591", 2, new DateOnly(2027, 1, 1), SchemeSettings.Default with { MinimumValidEvaluations = 8 }, "district", DateTime.UtcNow);
        v.Settings.MinimumValidEvaluations.ShouldBe(8);
        v.Settings.Weights[Indicator.ResidentEvaluation].ShouldBe(0.40m);
        Should.Throw<BusinessRuleViolationException>(() => AssessmentScheme.Version("320591", 3, new DateOnly(2027, 1, 1),
            SchemeSettings.Default with { Points = new GradePoints(80, 90, 70, 40) }, "district", DateTime.UtcNow)).Code.ShouldBe("Scheme.Points");
    }

    [Fact]
    public void A_new_version_cannot_reach_back_into_a_period_already_closed()
    {
        var q3 = AssessmentPeriod.For("320591", 2026, 3);
        q3.Close(new DateOnly(2026, 10, 8));
        var refusal = Should.Throw<BusinessRuleViolationException>(() => AssessmentScheme.Version("320591", 2, new DateOnly(2026, 7, 1), SchemeSettings.Default, "district", DateTime.UtcNow, [q3]));
        refusal.Code.ShouldBe("Scheme.EffectiveFrom");
        refusal.Message.ShouldContain("2026年第3季度已结束");
        refusal.Message.ShouldContain("2026-10-01");
        AssessmentScheme.Version("320591", 2, new DateOnly(2026, 7, 2), SchemeSettings.Default, "district", DateTime.UtcNow, [q3]).EffectiveFrom.ShouldBe(new DateOnly(2026, 7, 2), "in force only from the next period's start on");
        AssessmentScheme.Version("320591", 2, new DateOnly(2026, 10, 1), SchemeSettings.Default, "district", DateTime.UtcNow, [q3]).ShouldNotBeNull();
    }

    [Fact]
    public void Counts_grouped_by_grade_and_validity_give_the_summary_the_ballots_give()
    {
        var day = new DateOnly(2026, 11, 26);
        var screened = Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Good, null, day);
        screened.Screen(exclude: true, "同一批次全部相同");
        var ballots = new List<Evaluation> { screened, Evaluation.Cast(1, Guid.NewGuid(), 7, 3, Grade.Poor, null, day, requireReason: false) };
        ballots.AddRange(Enumerable.Range(0, 6).Select(i => Evaluation.Cast(1, Guid.NewGuid(), 7, 3, (Grade)(1 + (i % 4)), "理由", day)));
        var tallies = ballots.GroupBy(b => (b.Grade, b.Validity)).Select(g => new GradeTally(g.Key.Grade, g.Key.Validity, g.Count())).ToList();

        var fromCounts = EvaluationSummary.Of(tallies, 12, GradePoints.Default, 5);

        fromCounts.ShouldBe(EvaluationSummary.Of(ballots, 12, GradePoints.Default, 5));
        fromCounts.Invalid.ShouldBe(2);
        fromCounts.Valid.ShouldBe(6);
        fromCounts.Score.ShouldNotBeNull();
    }
}

public class InvitationSealTests
{
    [Fact]
    public void What_an_invitation_seals_reads_back_and_its_length_does_not_tell_how_many_it_asks_about()
    {
        var one = EvaluationInvitation.SealText(4711, [new InvitationSubject(3, 10)]);
        var six = EvaluationInvitation.SealText(12, Enumerable.Range(1, 6).Select(w => new InvitationSubject(w * 1000, 20 + w)));
        one.Length.ShouldBe(six.Length);
        one.Length.ShouldBe(EvaluationInvitation.SealBlock);

        var (household, subjects) = EvaluationInvitation.ParseSeal(six);
        household.ShouldBe(12);
        subjects.ShouldBe(Enumerable.Range(1, 6).Select(w => new InvitationSubject(w * 1000, 20 + w)).ToList());
        EvaluationInvitation.ParseSeal(one).Subjects.ShouldBe([new InvitationSubject(3, 10)]);
    }
}

public class DrawRecordTests
{
    private static readonly AssessmentPeriod Quarter = AssessmentPeriod.For("320591", 2026, 4);

    private static List<ServedHousehold> Frame(int households) =>
        [.. Enumerable.Range(1, households).SelectMany(h => new[] { new ServedHousehold(1, 10, "G1", h), new ServedHousehold(2, 11, "G2", 100 + h) })];

    [Fact]
    public void A_stored_draw_verifies_and_one_changed_household_in_the_frame_is_the_first_difference()
    {
        var exclusions = new SamplingExclusions(new Dictionary<int, IReadOnlySet<int>> { [1] = new HashSet<int> { 3 } }, new HashSet<int> { 4 }, new HashSet<int> { 5 });
        var (campaign, draws) = EvaluationCampaign.Draw(Quarter, "320591001000", new SampleRule(6, 12), 987654321, Frame(20), exclusions, 5,
            new Dictionary<int, string>(), "key", DateTime.UtcNow, 14, "test");
        draws.ShouldNotContain(d => d.HouseholdId == 3 || d.HouseholdId == 4 || d.HouseholdId == 5);
        campaign.Exclusions.Split('\n').ShouldBe(["own,1,3", "recent,5", "worker,4"]);
        campaign.Verify().Verdict.ShouldBe("MATCH");

        DrawRecord.ParseExclusions(campaign.Exclusions).RecentlySampledHouseholds.ShouldBe([5]);
        DrawRecord.ParseFrame(campaign.Frame).ShouldBe(Frame(20).Distinct().OrderBy(f => f.WorkerId).ThenBy(f => f.ServiceItemId).ThenBy(f => f.GridCode, StringComparer.Ordinal).ThenBy(f => f.HouseholdId).ToList(), ignoreOrder: true);
    }

    [Fact]
    public void A_worker_too_few_households_could_grade_is_left_out_and_a_rule_too_tight_for_a_score_is_refused()
    {
        var none = new SamplingExclusions(new Dictionary<int, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>());
        var frame = Frame(20).Where(f => f.WorkerId == 1 || f.HouseholdId <= 103).ToList(); // worker 2 served only three households
        var (campaign, draws) = EvaluationCampaign.Draw(Quarter, "320591001000", new SampleRule(6, 12), 1, frame, none, 5, new Dictionary<int, string>(), "key", DateTime.UtcNow, 14, "test");
        draws.ShouldAllBe(d => d.WorkerId == 1);
        campaign.Exclusions.ShouldContain("short,2");
        campaign.Verify().Verdict.ShouldBe("MATCH");

        var refusal = Should.Throw<BusinessRuleViolationException>(() => EvaluationCampaign.Draw(Quarter, "320591001000", new SampleRule(2, 4), 1, Frame(20), none, 5,
            new Dictionary<int, string> { [2] = "李红梅" }, "key", DateTime.UtcNow, 14, "test"));
        refusal.Message.ShouldContain("李红梅 2 户");
        refusal.Message.ShouldContain("至少要抽到 5 户");

        Should.Throw<BusinessRuleViolationException>(() => EvaluationCampaign.Draw(Quarter, "320591001000", SampleRule.Default, 1, [], none, 5,
            new Dictionary<int, string>(), "key", DateTime.UtcNow, 14, "test")).Message.ShouldContain("没有可抽取的评议户");
    }
}

public class WorkCalendarTests
{
    [Fact]
    public void October_2025_has_18_working_days_with_the_national_holiday_and_the_saturday_make_up_day()
    {
        var calendar = NationalHolidays.CalendarOf(2025);
        calendar.WorkingDays(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 31)).ShouldBe(18, "23 weekdays, 6 of them holidays, plus Saturday 11 October");
        WorkCalendar.WeekdaysOnly.WorkingDays(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 31)).ShouldBe(23);
        calendar.IsWorkingDay(new DateOnly(2025, 9, 28)).ShouldBeTrue("a Sunday worked before the holiday");
        calendar.IsWorkingDay(new DateOnly(2025, 10, 8)).ShouldBeFalse("a Wednesday off");
    }

    [Fact]
    public void A_year_s_calendar_keeps_its_days_in_the_year_and_make_up_days_on_weekends()
    {
        var now = DateTime.UtcNow;
        Should.Throw<BusinessRuleViolationException>(() => HolidayCalendar.For(2027, [new DateOnly(2026, 12, 31)], [], "d", now)).Code.ShouldBe("Calendar.Days");
        Should.Throw<BusinessRuleViolationException>(() => HolidayCalendar.For(2027, [], [new DateOnly(2027, 3, 3)], "d", now)).Code.ShouldBe("Calendar.Days", "a Wednesday is a working day already");
        Should.Throw<BusinessRuleViolationException>(() => HolidayCalendar.For(2027, [new DateOnly(2027, 2, 6)], [new DateOnly(2027, 2, 6)], "d", now)).Code.ShouldBe("Calendar.Days");
        var set = HolidayCalendar.For(2027, HolidayCalendar.ParseList("2027-01-01, 2027-02-08、2027-02-09")!, HolidayCalendar.ParseList("2027-02-06")!, "d", now);
        set.Calendar.WorkingDays(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 14)).ShouldBe(9, "10 weekdays − 2 holidays + Saturday 6 February");
        HolidayCalendar.ParseList("2027-13-01").ShouldBeNull();
    }
}
