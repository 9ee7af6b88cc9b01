using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Assessment;

public sealed record CampaignDto(int Id, int PeriodId, string Region, long Seed, int PerItem, int MaxPerWorker, int Workers, int Invitations, DateTime ExpiresAtUtc, bool Closed);

public sealed record WorkerScoreDto(
    int WorkerId, string Name, string Community, int? Excellent, int? Good, int? Fair, int? Poor, int Valid, int? Invalid, decimal? ResponseRate,
    IReadOnlyDictionary<string, decimal?> Indicators, decimal? Total, int? RankInCommunity, int? RankInStreet);

public static class AssessmentEndpoints
{
    public sealed record NewCampaign(int PeriodId, string? Region, int? PerItem, int? MaxPerWorker, long? Seed, int? Days, IReadOnlyList<int>? Workers);

    public sealed record NewEvaluation(string? Token, IReadOnlyList<GradeInput>? Grades, bool? WithoutReason = null);

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        var assessment = api.MapGroup("/assessment").WithTags("Assessment");
        assessment.MapPost("/campaigns", Create).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("Starts an evaluation campaign: evaluators drawn at random, with a seed the system draws (a `seed` in the request is refused), from the households each worker served in the period, in `region` (optionally only the listed `workers`). 400 when any worker would get fewer households than a score needs. Returns the counts and the seed.");
        assessment.MapGet("/campaigns/{id:int}/verify", Verify).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("Runs the campaign's draw again from its stored seed, rule, frame and exclusions: `{matches, verdict}` (MATCH or the first difference).");
        assessment.MapGet("/campaigns/{id:int}/slips", Slips).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("The unused slips of a running campaign as an .xlsx list (the print-ready page is /Assessment/Campaigns/Slips/{id}).");
        assessment.MapGet("/periods/{id:int}/scores", Scores)
            .WithSummary("Each worker's evaluation summary, indicator scores, weighted total and ranks; a score appears only from 5 valid evaluations.");
        api.MapPost("/evaluations", Submit).AllowAnonymous().RequireRateLimiting(Policies.PublicSubmission).WithTags("Assessment")
            .WithSummary("A resident's evaluation: `{token, grades:[{workerId, itemId, grade:'优|良|中|差', reason}], withoutReason}`. 201, 400 (优/差 without a reason unless `withoutReason` — then kept as invalid, not counted — or missing grades), 404, 409 used, 410 expired.");
        return api;
    }

    internal static CampaignDto ToDto(EvaluationCampaign c) => new(c.Id, c.PeriodId, c.RegionCode, c.Seed, c.PerItem, c.MaxPerWorker, c.Workers, c.Invitations, c.ExpiresAtUtc, c.IsClosed);

    private static async Task<IResult> Create(NewCampaign input, HttpContext http, CampaignDesk desk, CancellationToken ct)
    {
        if (input.Seed is not null)
        {
            // Issue 14: a seed a person chooses lets them try seeds until the draw suits them.
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "不能发起评议", detail: CampaignDesk.SeedIsTheSystems);
        }

        var (campaign, error, status) = await desk.StartAsync(
            new CampaignRequest(input.PeriodId, input.Region, input.PerItem ?? SampleRule.Default.PerItem, input.MaxPerWorker ?? SampleRule.Default.MaxPerWorker, input.Days ?? EvaluationCampaign.DefaultDays, input.Workers),
            http.User.Identity!.Name!, ct);
        return campaign is null
            ? TypedResults.Problem(statusCode: status, title: "不能发起评议", detail: error)
            : TypedResults.Created($"/api/v1/assessment/campaigns/{campaign.Id}", ToDto(campaign));
    }

    private static async Task<IResult> Verify(int id, ShequDbContext db, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "评议不存在", detail: "找不到该次评议，或其不在您的管辖范围内。");
        }

        var result = campaign.Verify();
        return TypedResults.Ok(new { matches = result.Matches, verdict = result.Verdict });
    }

    private static async Task<IResult> Slips(int id, CampaignDesk desk, HttpContext http, ShequDbContext db, CancellationToken ct)
    {
        var slips = await desk.SlipsAsync(id, ct);
        if (slips is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "评议卡不可用", detail: "评议不存在、不在您的管辖范围内，或已经结束。");
        }

        db.Audit(Shequ.Data.Audit.AuditActions.Export, nameof(EvaluationCampaign), id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{slips.Count} slips");
        await db.SaveChangesAsync(ct);
        var root = $"{http.Request.Scheme}://{http.Request.Host}";
        var file = Excel.Download(
            slips.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["卡号"] = s.InvitationId,
                ["评议码"] = s.ShortCode,
                ["链接"] = $"{root}/e/{s.Token}",
                ["评议对象"] = string.Join("；", s.Subjects.Select(x => $"{x.Worker}（{x.Item}）")),
                ["截止"] = s.ExpiresAtUtc.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            }),
            $"slips-{id}.xlsx");
        return TypedResults.File(file.FileContents, file.ContentType, file.FileDownloadName);
    }

    /// <summary>Below the minimum of valid evaluations a worker's counts are not shown (item D19).</summary>
    private static int? Shown(WorkerScore row, int count) => row.Evaluations.Withheld ? null : count;

    private static async Task<Results<Ok<List<WorkerScoreDto>>, ProblemHttpResult>> Scores(int id, ScoreBoard board, CancellationToken ct)
    {
        var result = await board.ResultsAsync(id, ct);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "考核期不存在", detail: "找不到该考核期，或其不在您的管辖范围内。");
        }

        return TypedResults.Ok(result.Rows.Select(r => new WorkerScoreDto(
            r.WorkerId, r.Name, r.Community, Shown(r, r.Evaluations.Excellent), Shown(r, r.Evaluations.Good), Shown(r, r.Evaluations.Fair), Shown(r, r.Evaluations.Poor), r.Evaluations.Valid, Shown(r, r.Evaluations.Invalid),
            r.Evaluations.Withheld ? null : Math.Round(r.Evaluations.ResponseRate, 3), r.Card.Indicators.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), r.Card.Total, r.RankInCommunity, r.RankInStreet)).ToList());
    }

    private static async Task<IResult> Submit(NewEvaluation input, CampaignDesk desk, HttpContext http, CancellationToken ct)
    {
        var result = await desk.SubmitAsync(input.Token, input.Grades ?? [], ct, withoutReason: input.WithoutReason == true);
        if (result.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = Infrastructure.ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Succeeded
            ? TypedResults.Created((string?)null, new { stored = result.Stored })
            : TypedResults.Problem(statusCode: result.Status, title: "评议未提交", detail: result.Error);
    }
}
