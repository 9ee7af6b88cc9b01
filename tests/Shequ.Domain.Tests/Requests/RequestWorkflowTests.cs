using Microsoft.Extensions.Time.Testing;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Domain.Requests;

namespace Shequ.Domain.Tests.Requests;

public class RequestWorkflowTests
{
    /// <summary>The workflow as the grid-management standard draws it, written out here independently of the code.</summary>
    private static readonly HashSet<(RequestStage From, RequestStage To)> Legal =
    [
        (RequestStage.Collected, RequestStage.Opened),
        (RequestStage.Collected, RequestStage.Cancelled),
        (RequestStage.Opened, RequestStage.Dispatched),
        (RequestStage.Opened, RequestStage.Cancelled),
        (RequestStage.Dispatched, RequestStage.Handling),
        (RequestStage.Dispatched, RequestStage.Opened),
        (RequestStage.Handling, RequestStage.Reported),
        (RequestStage.Reported, RequestStage.Closed),
        (RequestStage.Reported, RequestStage.Handling),
        (RequestStage.Closed, RequestStage.Evaluated),
        (RequestStage.Closed, RequestStage.Opened),
    ];

    private static readonly DateTime Start = new(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    private static readonly RequestCategory Leak = RequestCategory.Define("S01", "水电维修", CategoryGroup.CommunityService, 48);

    public static TheoryData<RequestStage, RequestStage> EveryPair()
    {
        var data = new TheoryData<RequestStage, RequestStage>();
        foreach (var from in Enum.GetValues<RequestStage>())
        {
            foreach (var to in Enum.GetValues<RequestStage>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    internal static ServiceRequest NewRequest(MobileNumber? phone = null) => ServiceRequest.Collect(
        new RequestIntake(RequestChannel.Public, "320591001001", Leak, "楼道灯不亮", "3 号楼 2 单元楼道灯坏了一周。", "3 号楼", "王阿姨", phone),
        "hash", ServiceRequest.RequesterActor, Start, new Registry.TransparentSealer());

    /// <summary>Walks a fresh request to <paramref name="stage"/> along the main road.</summary>
    internal static ServiceRequest At(RequestStage stage)
    {
        var r = NewRequest();
        var t = Start;
        RequestStage[] road = stage == RequestStage.Cancelled
            ? [RequestStage.Cancelled]
            : [RequestStage.Opened, RequestStage.Dispatched, RequestStage.Handling, RequestStage.Reported, RequestStage.Closed, RequestStage.Evaluated];
        foreach (var next in road)
        {
            if (r.Stage == stage)
            {
                break;
            }

            t = t.AddMinutes(10);
            if (next == RequestStage.Evaluated)
            {
                r.AnswerSolved(true, Satisfaction.Satisfied, null, t);
                continue;
            }

            r.MoveTo(next, "staff", t, "原因", handlerWorkerId: 7, timeLimitHours: 48);
        }

        r.Stage.ShouldBe(stage);
        return r;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_move_is_allowed_exactly_when_the_workflow_draws_it(RequestStage from, RequestStage to)
    {
        var request = At(from);
        var before = request.Transitions.Count;
        var move = () => request.MoveTo(to, "staff", Start.AddDays(1), "原因", handlerWorkerId: 7, timeLimitHours: 24);

        if (Legal.Contains((from, to)) && to == RequestStage.Evaluated)
        {
            // The workflow draws the edge, but only the requester's answer walks it.
            Should.Throw<BusinessRuleViolationException>(move).Code.ShouldBe("Request.OnlyRequesterRates");
            request.Stage.ShouldBe(from);
        }
        else if (Legal.Contains((from, to)))
        {
            move();
            request.Stage.ShouldBe(to);
            request.Transitions.Count.ShouldBe(before + 1);
        }
        else
        {
            var refused = Should.Throw<BusinessRuleViolationException>(move);
            refused.Code.ShouldBe("Request.Transition");
            refused.Message.ShouldContain(RequestStageNames.Chinese(from));
            request.Stage.ShouldBe(from);
            request.Transitions.Count.ShouldBe(before);
        }
    }

    [Fact]
    public void Every_move_records_who_made_it_and_when()
    {
        var r = NewRequest();
        r.MoveTo(RequestStage.Opened, "desk-li", Start.AddMinutes(5));
        r.MoveTo(RequestStage.Dispatched, "desk-li", Start.AddMinutes(9), handlerWorkerId: 3, timeLimitHours: 24);

        r.Transitions.Select(t => (t.From, t.To, t.Actor, t.AtUtc)).ShouldBe(
        [
            (null, RequestStage.Collected, ServiceRequest.RequesterActor, Start),
            (RequestStage.Collected, RequestStage.Opened, "desk-li", Start.AddMinutes(5)),
            (RequestStage.Opened, RequestStage.Dispatched, "desk-li", Start.AddMinutes(9)),
        ]);
        r.HandlerWorkerId.ShouldBe(3);
    }

    [Fact]
    public void Dispatch_needs_a_handler_and_cancelling_or_sending_back_needs_a_reason()
    {
        var r = At(RequestStage.Opened);
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Dispatched, "s", Start, timeLimitHours: 24)).Code.ShouldBe("Request.Dispatch");
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Cancelled, "s", Start, "  ")).Code.ShouldBe("Request.Reason");

        var reported = At(RequestStage.Reported);
        Should.Throw<BusinessRuleViolationException>(() => reported.MoveTo(RequestStage.Handling, "s", Start)).Code.ShouldBe("Request.Reason");
        reported.MoveTo(RequestStage.Handling, "s", Start, "灯仍不亮");
        reported.Stage.ShouldBe(RequestStage.Handling);
    }

    [Fact]
    public void The_time_limit_runs_from_dispatch_and_escalates_at_one_and_two_limits()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Start));
        var r = At(RequestStage.Opened);
        r.MoveTo(RequestStage.Dispatched, "s", clock.GetUtcNow().UtcDateTime, handlerWorkerId: 7, timeLimitHours: 48);
        r.DueAtUtc.ShouldBe(Start.AddHours(48));

        clock.Advance(TimeSpan.FromHours(47));
        r.IsOverdue(clock.GetUtcNow().UtcDateTime).ShouldBeFalse();
        r.Escalate(clock.GetUtcNow().UtcDateTime).ShouldBeFalse();

        clock.Advance(TimeSpan.FromHours(2));
        r.IsOverdue(clock.GetUtcNow().UtcDateTime).ShouldBeTrue();
        r.Escalate(clock.GetUtcNow().UtcDateTime).ShouldBeTrue();
        r.EscalationLevel.ShouldBe(1);
        r.Escalate(clock.GetUtcNow().UtcDateTime).ShouldBeFalse("an escalation is recorded once per level");

        clock.Advance(TimeSpan.FromHours(48));
        r.Escalate(clock.GetUtcNow().UtcDateTime).ShouldBeTrue();
        r.EscalationLevel.ShouldBe(2);
        r.Transitions.Count(t => t.Actor == ServiceRequest.SystemActor).ShouldBe(2);

        r.MoveTo(RequestStage.Handling, "w", clock.GetUtcNow().UtcDateTime);
        r.MoveTo(RequestStage.Reported, "w", clock.GetUtcNow().UtcDateTime, "已处理");
        r.ReportedOnTime.ShouldBe(false);
        r.IsOverdue(clock.GetUtcNow().UtcDateTime).ShouldBeFalse("a reported request no longer runs against the limit");
    }

    [Fact]
    public void A_request_reported_before_its_limit_is_on_time_and_redispatch_restarts_the_clock()
    {
        var r = At(RequestStage.Opened);
        r.MoveTo(RequestStage.Dispatched, "s", Start, handlerWorkerId: 7, timeLimitHours: 24);
        r.MoveTo(RequestStage.Opened, "w", Start.AddHours(30), "不属本单位");
        r.MoveTo(RequestStage.Dispatched, "s", Start.AddHours(31), handlerWorkerId: 8, timeLimitHours: 24);
        r.DueAtUtc.ShouldBe(Start.AddHours(55));
        r.MoveTo(RequestStage.Handling, "w", Start.AddHours(32));
        r.MoveTo(RequestStage.Reported, "w", Start.AddHours(50), "已处理");
        r.ReportedOnTime.ShouldBe(true);
    }

    [Fact]
    public void The_requester_answers_once_and_no_reopens_the_request()
    {
        var r = At(RequestStage.Closed);
        r.AwaitsRequesterAnswer.ShouldBeTrue();
        Should.Throw<BusinessRuleViolationException>(() => r.AnswerSolved(false, null, "  ", Start.AddDays(2))).Code.ShouldBe("Request.Answer.Details");
        r.AnswerSolved(false, null, "灯还是不亮", Start.AddDays(2));
        r.Stage.ShouldBe(RequestStage.Opened);
        r.ReopenCount.ShouldBe(1);
        r.Transitions[^1].Actor.ShouldBe(ServiceRequest.RequesterActor);
        r.Transitions[^1].Note!.ShouldContain("灯还是不亮");
        Should.Throw<BusinessRuleViolationException>(() => r.AnswerSolved(true, Satisfaction.Satisfied, null, Start.AddDays(2))).Code.ShouldBe("Request.Answer");

        r.MoveTo(RequestStage.Dispatched, "s", Start.AddDays(3), handlerWorkerId: 7, timeLimitHours: 24);
        r.MoveTo(RequestStage.Handling, "w", Start.AddDays(3));
        r.MoveTo(RequestStage.Reported, "w", Start.AddDays(3), "换了整条线路");
        r.MoveTo(RequestStage.Closed, "s", Start.AddDays(3), "线路已更换，灯正常");
        r.AwaitsRequesterAnswer.ShouldBeTrue("each closure asks once");
        Should.Throw<BusinessRuleViolationException>(() => r.AnswerSolved(true, null, null, Start.AddDays(4))).Code.ShouldBe("Request.Answer.Details");
        r.AnswerSolved(true, Satisfaction.Fair, null, Start.AddDays(4));
        r.Stage.ShouldBe(RequestStage.Evaluated);
        r.SolvedAnswer.ShouldBe(true);
        r.Rating.ShouldBe(Satisfaction.Fair);
        r.AnsweredBy.ShouldBe(AnswerSource.Requester);
        Should.Throw<BusinessRuleViolationException>(() => r.AnswerSolved(false, null, "x", Start.AddDays(4)));
    }

    [Fact]
    public void Staff_cannot_evaluate_a_case_but_can_record_the_requesters_answer_taken_by_phone()
    {
        var r = At(RequestStage.Closed);
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Evaluated, "staff", Start.AddDays(1), "满意")).Code.ShouldBe("Request.OnlyRequesterRates");
        r.Stage.ShouldBe(RequestStage.Closed);

        r.RecordPhoneFollowUp(true, Satisfaction.Satisfied, "王阿姨说灯修好了", "desk-li", Start.AddDays(1));
        r.Stage.ShouldBe(RequestStage.Evaluated);
        r.AnsweredBy.ShouldBe(AnswerSource.PhoneFollowUp);
        r.Transitions[^1].Actor.ShouldBe("desk-li", "the one who rang is named, not the resident");
        r.Transitions[^1].Note!.ShouldStartWith("电话回访：");
        Should.Throw<BusinessRuleViolationException>(() => r.AnswerSolved(true, Satisfaction.Dissatisfied, null, Start.AddDays(2))).Code.ShouldBe("Request.Answer");
    }

    [Fact]
    public void Reporting_and_closing_need_a_written_result_which_the_requester_then_reads()
    {
        var r = At(RequestStage.Handling);
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Reported, "w", Start.AddDays(1), " ")).Code.ShouldBe("Request.Result");
        r.MoveTo(RequestStage.Reported, "w", Start.AddDays(1), "已更换灯泡");
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Closed, "v", Start.AddDays(1))).Code.ShouldBe("Request.Result");
        r.MoveTo(RequestStage.Closed, "v", Start.AddDays(1), "楼道灯已恢复照明");
        r.ResultText.ShouldBe("楼道灯已恢复照明");
    }

    [Fact]
    public void With_duties_separated_the_opener_does_not_handle_and_the_verifier_neither_opened_handled_nor_reported()
    {
        var r = NewRequest();
        r.MoveTo(RequestStage.Opened, "zhang", Start, separateDuties: true);
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Dispatched, "zhang", Start, timeLimitHours: 24, handler: RequestHandler.Worker(7, "zhang"), separateDuties: true))
            .Code.ShouldBe("Request.Duties");
        r.MoveTo(RequestStage.Dispatched, "zhang", Start, timeLimitHours: 24, handler: RequestHandler.Worker(7, "li"), separateDuties: true);
        r.HandlerAccount.ShouldBe("li");
        r.MoveTo(RequestStage.Handling, "li", Start, separateDuties: true);
        r.MoveTo(RequestStage.Reported, "wang", Start, "已修好", separateDuties: true);
        foreach (var party in new[] { "zhang", "li", "wang" })
        {
            Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Closed, party, Start, "核查通过", separateDuties: true)).Code.ShouldBe("Request.Duties", party);
        }

        r.MoveTo(RequestStage.Closed, "zhao", Start, "核查通过", separateDuties: true);
        r.Stage.ShouldBe(RequestStage.Closed);

        var relaxed = At(RequestStage.Reported);
        relaxed.MoveTo(RequestStage.Closed, "staff", Start.AddDays(1), "核查通过", separateDuties: false);
        relaxed.Stage.ShouldBe(RequestStage.Closed, "a community may allow one person to do it all");
    }

    [Fact]
    public void A_dispatch_names_exactly_one_handler_and_handing_back_clears_it()
    {
        var r = At(RequestStage.Opened);
        Should.Throw<BusinessRuleViolationException>(() => r.MoveTo(RequestStage.Dispatched, "s", Start, timeLimitHours: 24, handler: new RequestHandler(7, 3, null))).Code.ShouldBe("Request.Dispatch");
        r.MoveTo(RequestStage.Dispatched, "s", Start, timeLimitHours: 24, handler: RequestHandler.Unit(3));
        r.HandlerUnitId.ShouldBe(3);
        r.HandlerWorkerId.ShouldBeNull();
        r.MoveTo(RequestStage.Opened, "unit-water", Start.AddHours(1), "不属本单位职责");
        r.HandlerUnitId.ShouldBeNull("a handed-back case leaves the unit's list");
    }

    [Fact]
    public void Intake_refuses_an_empty_story_and_an_inactive_category_and_seals_the_phone()
    {
        var sealer = new Registry.TransparentSealer();
        var closed = RequestCategory.Define("X", "旧类别", CategoryGroup.GridEvent, 24);
        closed.SetActive(false);
        Should.Throw<BusinessRuleViolationException>(() => ServiceRequest.Collect(
            new RequestIntake(RequestChannel.Desk, "320591001001", Leak, " ", "x", null, null, null), "h", "s", Start, sealer)).Code.ShouldBe("Request.Text");
        Should.Throw<BusinessRuleViolationException>(() => ServiceRequest.Collect(
            new RequestIntake(RequestChannel.Desk, "320591001001", closed, "t", "x", null, null, null), "h", "s", Start, sealer)).Code.ShouldBe("Request.Category");

        MobileNumber.TryParse("13912345678", out var phone).ShouldBeTrue();
        var r = NewRequest(phone);
        r.RequesterPhoneCipher.ShouldNotBe("13912345678");
        r.RequesterPhone(sealer).ShouldBe("13912345678");
    }

    [Fact]
    public void A_category_without_its_own_limit_uses_its_parents()
    {
        var repairs = RequestCategory.Define("S", "维修", CategoryGroup.CommunityService, 72);
        typeof(RequestCategory).GetProperty(nameof(RequestCategory.Id))!.SetValue(repairs, 1);
        var doors = RequestCategory.Define("S02", "门窗维修", CategoryGroup.CommunityService, null, repairs);
        typeof(RequestCategory).GetProperty(nameof(RequestCategory.Id))!.SetValue(doors, 2);
        var all = new Dictionary<int, RequestCategory> { [1] = repairs, [2] = doors };

        RequestCategory.EffectiveLimitHours(doors, all, 120).ShouldBe(72);
        doors.SetTimeLimit(8);
        RequestCategory.EffectiveLimitHours(doors, all, 120).ShouldBe(8);
        Should.Throw<BusinessRuleViolationException>(() => doors.SetTimeLimit(0)).Code.ShouldBe("Request.TimeLimit");
    }
}
