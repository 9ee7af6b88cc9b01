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
        assessment.MapPost("/campaigns/{id:int}/distribution", Distribution).RequireAuthorization(Policies.OrganizationEdit)
            .WithSummary("The distribution list of a running campaign as an .xlsx, once: for each unused slip the household it must reach (householder, grid, address) and its code and link. Printing it drops the stored link between codes and households; 400 the second time (the print-ready page is /Assessment/Campaigns/Slips/{id}).");
        assessment.MapGet("/periods/{id:int}/scores", Scores)
            .WithSummary("Each worker's evaluation summary, indicator scores, weighted total and ranks; a score appears only from 5 valid evaluations.");
        api.MapPost("/evaluations", Submit).AsPublicSubmission().WithTags("Assessment")
            .WithSummary("A resident's evaluation: `{token, grades:[{workerId, itemId, grade:'优|良|中|差', reason}], withoutReason}`. 201, 400 (优/差 without a reason unless `withoutReason` — then kept as invalid, not counted — or missing grades), 404, 409 used, 410 expired, 429 with Retry-After after too many unknown codes from this device or address.");
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

    private static async Task<IResult> Distribution(int id, CampaignDesk desk, HttpContext http, CancellationToken ct)
    {
        var (envelopes, refusal) = await desk.DistributionAsync(id, http.User.Identity!.Name!, ct);
        if (envelopes is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "评议不存在", detail: "找不到该次评议，或其不在您的管辖范围内。");
        }

        if (refusal is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "不能打印派发单", detail: refusal);
        }

        var root = $"{http.Request.Scheme}://{http.Request.Host}";
        var file = Excel.Download(
            envelopes.Select(e => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["户主"] = e.Householder,
                ["网格"] = e.Area,
                ["地址"] = e.Address,
                ["评议码"] = e.Slip.ShortCode,
                ["链接"] = $"{root}/e/{e.Slip.Token}",
                ["评议对象"] = string.Join("；", e.Slip.Subjects.Select(x => $"{x.Worker}（{x.Item}）")),
                ["截止"] = e.Slip.ExpiresAtUtc.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            }),
            $"评议表派发单-{id}.xlsx");
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

    private static async Task<IResult> Submit(NewEvaluation input, CampaignDesk desk, CodeGuard guard, HttpContext http, CancellationToken ct)
    {
        if (guard.RetryAfter(http) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "评议未提交", detail: CodeGuard.TooManyMessage);
        }

        var result = await desk.SubmitAsync(input.Token, input.Grades ?? [], ct, withoutReason: input.WithoutReason == true);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            guard.Failed(http);
        }

        if (result.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = Infrastructure.ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Succeeded
            ? TypedResults.Created((string?)null, new { stored = result.Stored })
            : TypedResults.Problem(statusCode: result.Status, title: "评议未提交", detail: result.Error);
    }
}
