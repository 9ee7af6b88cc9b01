using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Assessment;

public sealed record PeriodDto(int Id, string Label, int Year, int? Quarter, string Status, DateOnly StartsOn, DateOnly EndsOn, DateOnly? ClosedOn, DateOnly? ObjectionsUntil, string Results);

public sealed record AppealDto(int Id, int PeriodId, int WorkerId, string? WorkerName, string Text, DateOnly FiledOn, string Decision, string? DecisionNote, string? DecidedBy, DateOnly? DecidedOn);

public sealed record CorrectionDto(int Id, int WorkerId, int? AppealId, decimal? TotalBefore, decimal? TotalAfter, int ValidBefore, int ValidAfter, string Note, string By, DateOnly On);

public sealed record ReasonToCheckDto(Guid EvaluationId, int WorkerId, int ServiceItemId, string Grade, string Reason);

public sealed record ScreeningFlagDto(Guid BallotId, string Kind, string Detail);

public sealed record ReviewDto(int Sealed, IReadOnlyList<ReasonToCheckDto> ReasonsToCheck, IReadOnlyList<ScreeningFlagDto> Flags);

public sealed record PayLineDto(int WorkerId, string Name, string Community, decimal? Score, decimal FixedPay, decimal? AssessmentPay);

public sealed record PayDto(decimal Share, string Rule, decimal Spread, string Unscored, decimal Pool, decimal Gap, IReadOnlyList<PayLineDto> Lines);

public sealed record AdoptionDto(int Id, int Year, int PeriodId, DateOnly AdoptedOn, string AdoptedBy, string Note, PayDto Pay);

/// <summary>
/// The rest of the assessment cycle over the API (issue 14): periods and their road (close, 公示, corrections,
/// freeze), appeals and decisions, the review of reasons and screening flags, and pay (what-if and adoption).
/// The same desks as the pages; every change accepts Idempotency-Key; shares are percentages, as on the pages.
/// </summary>
public static class AssessmentCycleEndpoints
{
    public sealed record NewPublication(int? ObjectionDays, string? AcceptUnchecked);

    public sealed record NewCorrection(string? Note, int? AppealId);

    public sealed record NewAppeal(string? Text);

    public sealed record NewDecision(bool? Upheld, string? Note);

    public sealed record NewReasonCheck(bool? IsTrue);

    public sealed record NewScreening(bool? Exclude, string? Kind);

    public sealed record NewAdoption(decimal? Share, SpreadRule? Rule, decimal? Spread, UnscoredPay? Unscored, string? Note);

    private const string PeriodMissing = "找不到该考核期，或其不在您的管辖范围内。";

    public static RouteGroupBuilder MapAssessmentCycleEndpoints(this RouteGroupBuilder api)
    {
        var a = api.MapGroup("/assessment").WithTags("Assessment");
        a.MapGet("/periods", Periods).WithSummary("The district's quarterly and annual periods the caller can see, newest first, with their status and where their figures come from (`Live`, `Published`, `Frozen`).");
        a.MapGet("/periods/{id:int}", Period).WithSummary("One period.");
        a.MapPost("/periods/{id:int}/close", Close).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("Closes the period and every campaign in it (district and system administrators). Accepts Idempotency-Key.");
        a.MapPost("/periods/{id:int}/publication", Publicize).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("公示: `{objectionDays, acceptUnchecked}` stores the results and opens the objection window; 400 while 优/差 reasons are unchecked unless `acceptUnchecked` says why. Accepts Idempotency-Key.");
        a.MapGet("/periods/{id:int}/corrections", Corrections).WithSummary("Every change to the published results, line by line, with the reason.");
        a.MapPost("/periods/{id:int}/corrections", Correct).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("`{note, appealId}`: computes the published results again from the data and records each line that moved; 400 when nothing moved, without a note, or after freezing. Accepts Idempotency-Key.");
        a.MapPost("/periods/{id:int}/freeze", Freeze).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("Freezes the published results once the window has passed and every appeal is decided. Accepts Idempotency-Key.");
        a.MapGet("/periods/{id:int}/appeals", Appeals).WithSummary("The period's appeals of workers in the caller's scope.");
        a.MapPost("/periods/{id:int}/appeals", FileAppeal)
            .WithSummary("`{text}`: the caller's own objection to their published result, within the window (403 for an account with no worker record). Accepts Idempotency-Key.");
        a.MapGet("/appeals/{id:int}", Appeal).WithSummary("One appeal and its decision.");
        a.MapPost("/appeals/{id:int}/decision", Decide).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("`{upheld, note}`: decides the appeal once, with the reason. A decision does not change the results by itself; a correction does. Accepts Idempotency-Key.");
        a.MapGet("/campaigns/{id:int}/review", Review).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("What the review still needs: 优/差 reasons to check and screening flags to decide (after the campaign closed), and how many ballots are still sealed.");
        a.MapPost("/campaigns/{id:int}/reasons/{evaluation:guid}", CheckReason).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("`{isTrue}`: a reason checked; an untrue one makes the evaluation invalid. 400 once the period is frozen. Accepts Idempotency-Key.");
        a.MapPost("/campaigns/{id:int}/ballots/{ballot:guid}/screening", Screen).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("`{exclude, kind}`: decides a screening flag for a whole ballot. 400 once the period is frozen. Accepts Idempotency-Key.");
        a.MapGet("/periods/{id:int}/pay", Pay).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("What-if: `?share=20&rule=ShareOfAssessmentPay&spread=40&unscored=AsLowest` (percentages) gives every worker's assessment pay under that setting; 400 outside the limits (share ≤ 50%; spread ≤ 40% of assessment pay, or 20–30% of income) or when someone would be paid below zero.");
        a.MapGet("/periods/{id:int}/pay-adoption", Adoption).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("The pay setting adopted for the period's year and each worker's stored assessment pay; 404 when none is.");
        a.MapPost("/periods/{id:int}/pay-adoption", Adopt).RequireAuthorization(Policies.PeriodManagement)
            .WithSummary("`{share, rule, spread, unscored, note}` adopts a setting for the year on this frozen period's results, once per district and year. Accepts Idempotency-Key.");
        return api;
    }

    private static PeriodDto ToDto(AssessmentPeriod p) => new(p.Id, p.Label, p.Year, p.Quarter, p.Status.ToString(), p.StartsOn, p.EndsOn, p.ClosedOn, p.ObjectionsUntil,
        (p.Status switch { PeriodStatus.Frozen => ResultsSource.Frozen, PeriodStatus.Publicized => ResultsSource.Published, _ => ResultsSource.Live }).ToString());

    private static AppealDto ToDto(ScoreAppeal a, string? name) => new(a.Id, a.PeriodId, a.WorkerId, name, a.Text, a.FiledOn, a.Decision.ToString(), a.DecisionNote, a.DecidedBy, a.DecidedOn);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Missing(string detail = PeriodMissing) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "不存在", detail: detail);

    private static async Task<IResult> Periods(ShequDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.AssessmentPeriods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter ?? 5).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> Period(int id, ShequDbContext db, CancellationToken ct) =>
        await db.AssessmentPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : Missing();

    private static Task<IResult> OnPeriod(int id, HttpContext http, ShequDbContext db, object input, Func<AssessmentPeriod, Task<IResult>> action) =>
        Idempotency.RunAsync(http, db, new { id, input }, () => Ruled(async () =>
            await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted) is { } period ? await action(period) : Missing()));

    /// <summary>A broken rule is a 400 with its message, answered here so an Idempotency-Key request rolls back and stores nothing.</summary>
    private static async Task<IResult> Ruled(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (BusinessRuleViolationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "不能进行此操作", detail: ex.Message);
        }
    }

    private static Task<IResult> Close(int id, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        OnPeriod(id, http, db, "close", async p =>
        {
            var closed = await desk.CloseAsync(p, http.RequestAborted);
            return TypedResults.Ok(new { period = ToDto(p), campaignsClosed = closed });
        });

    private static Task<IResult> Publicize(int id, NewPublication input, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        OnPeriod(id, http, db, input, async p =>
        {
            await desk.PublicizeAsync(p, input.ObjectionDays ?? PeriodDesk.DefaultObjectionDays, input.AcceptUnchecked, http.RequestAborted);
            return TypedResults.Ok(ToDto(p));
        });

    private static Task<IResult> Correct(int id, NewCorrection input, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        OnPeriod(id, http, db, input, async p =>
        {
            var changed = await desk.CorrectAsync(p, input.Note, input.AppealId, http.User.Identity!.Name!, http.RequestAborted);
            return TypedResults.Ok(new { period = ToDto(p), linesCorrected = changed });
        });

    private static Task<IResult> Freeze(int id, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        OnPeriod(id, http, db, "freeze", async p =>
        {
            await desk.FreezeAsync(p, http.RequestAborted);
            return TypedResults.Ok(ToDto(p));
        });

    private static async Task<IResult> Corrections(int id, ShequDbContext db, CancellationToken ct)
    {
        if (!await db.AssessmentPeriods.AnyAsync(p => p.Id == id, ct))
        {
            return Missing();
        }

        return TypedResults.Ok(await db.ResultCorrections.AsNoTracking().Where(c => c.PeriodId == id).OrderBy(c => c.Id)
            .Select(c => new CorrectionDto(c.Id, c.WorkerId, c.AppealId, c.TotalBefore, c.TotalAfter, c.ValidBefore, c.ValidAfter, c.Note, c.By, c.On)).ToListAsync(ct));
    }

    private static async Task<IResult> Appeals(int id, ShequDbContext db, CancellationToken ct)
    {
        if (!await db.AssessmentPeriods.AnyAsync(p => p.Id == id, ct))
        {
            return Missing();
        }

        var appeals = await db.ScoreAppeals.AsNoTracking().Where(a => a.PeriodId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var names = await NamesAsync(db, appeals.Select(a => a.WorkerId), ct);
        return TypedResults.Ok(appeals.Select(a => ToDto(a, names.GetValueOrDefault(a.WorkerId))).ToList());
    }

    private static async Task<IResult> Appeal(int id, ShequDbContext db, CancellationToken ct)
    {
        var appeal = await db.ScoreAppeals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        return appeal is null
            ? Missing("找不到该申诉，或其不在您的管辖范围内。")
            : TypedResults.Ok(ToDto(appeal, (await NamesAsync(db, [appeal.WorkerId], ct)).GetValueOrDefault(appeal.WorkerId)));
    }

    private static Task<IResult> FileAppeal(int id, NewAppeal input, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        OnPeriod(id, http, db, input, async p =>
        {
            var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            if (await db.Workers.Where(w => w.StaffUserId == userId).Select(w => (int?)w.Id).FirstOrDefaultAsync(http.RequestAborted) is not { } worker)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "不能申诉", detail: "只有社区工作者本人可以对自己的结果提出申诉。");
            }

            var appeal = await desk.FileAppealAsync(p, worker, input.Text, http.RequestAborted);
            return TypedResults.Created($"/api/v1/assessment/appeals/{appeal.Id}", ToDto(appeal, null));
        });

    private static Task<IResult> Decide(int id, NewDecision input, HttpContext http, ShequDbContext db, PeriodDesk desk) =>
        Idempotency.RunAsync(http, db, new { id, input }, () => Ruled(async () =>
        {
            var periodId = await db.ScoreAppeals.Where(a => a.Id == id).Select(a => (int?)a.PeriodId).SingleOrDefaultAsync(http.RequestAborted);
            if (periodId is null || input.Upheld is null)
            {
                return periodId is null ? Missing("找不到该申诉，或其不在您的管辖范围内。") : TypedResults.Problem(statusCode: 400, title: "不能处理申诉", detail: "请说明申诉是否成立（upheld）。");
            }

            var decided = await desk.DecideAsync(periodId.Value, id, input.Upheld.Value, input.Note, http.User.Identity!.Name!, http.RequestAborted);
            return TypedResults.Ok(ToDto(decided!, null));
        }));

    private static async Task<IResult> Review(int id, ShequDbContext db, IPersonalDataSealer sealer, CancellationToken ct)
    {
        if (!await db.EvaluationCampaigns.AnyAsync(c => c.Id == id, ct))
        {
            return Missing("找不到该次评议，或其不在您的管辖范围内。");
        }

        var all = await db.Evaluations.AsNoTracking().Where(e => e.CampaignId == id).ToListAsync(ct);
        var revealed = all.Where(e => e.RevealBallot(sealer) && e.ScreeningNote is null).ToList();
        return TypedResults.Ok(new ReviewDto(
            await db.PendingBallots.CountAsync(p => p.CampaignId == id, ct),
            [.. all.Where(e => e.AwaitingReasonCheck)
                .Select(e => new ReasonToCheckDto(e.Id, e.WorkerId, e.ServiceItemId, GradeNames.Chinese(e.Grade), e.Reason!))],
            [.. Screening.Flag(revealed).Select(f => new ScreeningFlagDto(f.BallotId, f.Kind.ToString(), f.Note))]));
    }

    private static IResult Reviewed((ReviewOutcome Outcome, int Changed) result) => result.Outcome switch
    {
        ReviewOutcome.Done => TypedResults.Ok(new { changed = result.Changed }),
        ReviewOutcome.Frozen => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "不能审核", detail: ReviewDesk.FrozenReviewIsOver),
        _ => Missing("找不到该评议，或其不在您的管辖范围内。"),
    };

    private static Task<IResult> CheckReason(int id, Guid evaluation, NewReasonCheck input, HttpContext http, ShequDbContext db, ReviewDesk review) =>
        Idempotency.RunAsync(http, db, new { id, evaluation, input }, async () => input.IsTrue is { } isTrue
            ? Reviewed(await review.CheckReasonAsync(id, evaluation, isTrue, http.RequestAborted))
            : TypedResults.Problem(statusCode: 400, title: "不能审核", detail: "请说明理由是否属实（isTrue）。"));

    private static Task<IResult> Screen(int id, Guid ballot, NewScreening input, HttpContext http, ShequDbContext db, ReviewDesk review) =>
        Idempotency.RunAsync(http, db, new { id, ballot, input }, async () => input.Exclude is { } exclude
            ? Reviewed(await review.ScreenAsync(id, ballot, exclude, input.Kind, http.User.Identity!.Name!, http.RequestAborted))
            : TypedResults.Problem(statusCode: 400, title: "不能审核", detail: "请说明是否剔除（exclude）。"));

    private static PayDto ToPay(PaySettings s, decimal pool, decimal gap, IEnumerable<PayLineDto> lines) =>
        new(s.AssessmentShare * 100, s.Rule.ToString(), s.Spread * 100, s.Unscored.ToString(), Math.Round(pool, 0, MidpointRounding.AwayFromZero), Math.Round(gap, 0, MidpointRounding.AwayFromZero), [.. lines]);

    private static Task<IResult> Pay(int id, decimal? share, SpreadRule? rule, decimal? spread, UnscoredPay? unscored, ScoreBoard board, PayDesk pay, CancellationToken ct) =>
        Ruled(() => WhatIf(id, share, rule, spread, unscored, board, pay, ct));

    private static async Task<IResult> WhatIf(int id, decimal? share, SpreadRule? rule, decimal? spread, UnscoredPay? unscored, ScoreBoard board, PayDesk pay, CancellationToken ct)
    {
        if (await board.ResultsAsync(id, ct) is not { } results)
        {
            return Missing();
        }

        var settings = PaySettings.FromPercentages(share, rule, spread, unscored);
        var fixedPay = await pay.FixedPayAsync(results.Period.Year, ct);
        var rows = results.Rows.Where(r => fixedPay.GetValueOrDefault(r.WorkerId) > 0).ToList();
        var inputs = PayDesk.Inputs(rows, fixedPay, settings);
        var (pool, _, gap) = PayCalculator.Frame(inputs, settings);
        var paid = PayCalculator.Settle(inputs, settings).ToDictionary(p => p.WorkerId);
        return TypedResults.Ok(ToPay(settings, pool, gap, rows.Select(r => new PayLineDto(r.WorkerId, r.Name, r.Community, r.Card.Total, fixedPay[r.WorkerId], paid[r.WorkerId].AssessmentPay))));
    }

    private static async Task<IResult> Adoption(int id, ScoreBoard board, PayDesk pay, CancellationToken ct)
    {
        if (await board.ResultsAsync(id, ct) is not { } results)
        {
            return Missing();
        }

        return await pay.AdoptedForAsync(results.Period, ct) is { } adoption ? TypedResults.Ok(ToDto(adoption, results.Rows)) : Missing("该年度尚未确定绩效工资方案。");
    }

    private static Task<IResult> Adopt(int id, NewAdoption input, HttpContext http, ShequDbContext db, ScoreBoard board, PayDesk pay) =>
        OnPeriod(id, http, db, input, async p =>
        {
            var adoption = await pay.AdoptAsync(p, PaySettings.FromPercentages(input.Share, input.Rule, input.Spread, input.Unscored), input.Note ?? string.Empty, http.User.Identity!.Name!, http.RequestAborted);
            var rows = (await board.ResultsAsync(id, http.RequestAborted))!.Rows;
            return TypedResults.Created($"/api/v1/assessment/periods/{id}/pay-adoption", ToDto(adoption, rows));
        });

    /// <summary>The adoption with the lines of the workers the caller can see.</summary>
    private static AdoptionDto ToDto(PayAdoption a, IReadOnlyList<WorkerScore> visible)
    {
        var rows = visible.ToDictionary(r => r.WorkerId);
        return new AdoptionDto(a.Id, a.Year, a.PeriodId, a.AdoptedOn, a.AdoptedBy, a.Note, ToPay(a.Settings, a.Pool, a.Gap,
            a.Lines.Where(l => rows.ContainsKey(l.WorkerId)).Select(l => new PayLineDto(l.WorkerId, rows[l.WorkerId].Name, rows[l.WorkerId].Community, l.Score, l.FixedPay, l.AssessmentPay))));
    }

    private static Task<Dictionary<int, string>> NamesAsync(ShequDbContext db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return db.Workers.Where(w => list.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
    }
}
