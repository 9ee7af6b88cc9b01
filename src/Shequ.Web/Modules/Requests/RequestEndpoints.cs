using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests;

public sealed record TransitionDto(string? From, string To, string Actor, DateTime AtUtc, string? Note);

public sealed record RequestDto(
    int Id, string Stage, string StageName, string Title, string Description, string? Location, int CategoryId, string RegionCode,
    string Channel, DateTime CreatedAtUtc, DateTime? DueAtUtc, bool Overdue, int EscalationLevel, int? HandlerWorkerId,
    string? RequesterName, string? RequesterPhone, int ReopenCount, bool? SolvedAnswer, int Version, IReadOnlyList<TransitionDto> Transitions,
    int? HandlerUnitId = null, string? Result = null, string? Satisfaction = null, string? AnsweredBy = null);

public sealed record RequestReceiptDto(int Id, string Stage, string FollowUrl, string FollowToken);

public sealed record CategoryDto(int Id, int? ParentId, string Code, string Name, string Group, int? TimeLimitHours);

public static class RequestEndpoints
{
    public sealed record NewRequest(string? RegionCode, int CategoryId, string? Title, string? Description, string? Location, string? RequesterName, string? Phone, RequestChannel? Channel);

    public sealed record NewTransition(RequestStage To, string? Note, int? HandlerWorkerId, int? Version, int? HandlerUnitId = null);

    public sealed record PhoneFollowUp(bool Solved, Satisfaction? Satisfaction, string? Words, int? Version);

    public static RouteGroupBuilder MapRequestEndpoints(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/requests").WithTags("Requests");
        requests.MapPost("/", Create).AsPublicSubmission()
            .WithSummary("Files a resident request. Public without sign-in (rate-limited per address; the channel is then always public); staff may give desk or field. Returns the private follow link once. Accepts Idempotency-Key.");
        requests.MapGet("/categories", Categories).AllowAnonymous().WithSummary("The request category tree with each category's time limit in hours.");
        requests.MapGet("/", List).WithSummary("Requests in the caller's scope: queue=mine|community|overdue, category, stage, paging.");
        requests.MapGet("/{id:int}", Get).WithSummary("One request with every transition; 404 outside the caller's scope.");
        requests.MapPost("/{id:int}/transitions", Transition).RequireAuthorization(Policies.ServiceWork)
            .WithSummary("Moves a request to the target stage; a dispatch names handlerWorkerId or handlerUnitId. 400 with the reason for an illegal move (including separation of duties and staff evaluating), 409 when `version` is stale. Accepts Idempotency-Key.");
        requests.MapPost("/{id:int}/phone-follow-up", Phone).RequireAuthorization(Policies.ServiceWork)
            .WithSummary("Records the requester's answer taken by phone (电话回访) on a closed request: solved with a satisfaction, or not solved with what is still wrong (reopens it). Marked as a phone answer. Accepts Idempotency-Key.");
        return api;
    }

    internal static RequestDto ToDto(ServiceRequest r, IPersonalDataSealer sealer, DateTime nowUtc) => new(
        r.Id, r.Stage.ToString(), RequestStageNames.Chinese(r.Stage), r.Title, r.Description, r.Location, r.CategoryId, r.RegionCode,
        r.Channel.ToString(), r.CreatedAtUtc, r.DueAtUtc, r.IsOverdue(nowUtc), r.EscalationLevel, r.HandlerWorkerId,
        r.RequesterName, r.MaskedRequesterPhone(sealer), r.ReopenCount, r.SolvedAnswer, r.Version,
        [.. r.Transitions.OrderBy(t => t.Id).Select(t => new TransitionDto(t.From?.ToString(), t.To.ToString(), t.Actor, t.AtUtc, t.Note))],
        r.HandlerUnitId, r.ResultText, r.Rating?.ToString(), r.AnsweredBy?.ToString());

    private static Task<IResult> Create(NewRequest input, HttpContext http, ShequDbContext db, RequestDesk desk, CancellationToken ct) =>
        Idempotency.RunAsync(http, db, input, async () =>
        {
            var signedIn = http.User.Identity?.IsAuthenticated == true;
            var channel = signedIn ? input.Channel ?? RequestChannel.Desk : RequestChannel.Public;
            var actor = signedIn ? http.User.Identity!.Name! : ServiceRequest.RequesterActor;
            var result = await desk.IntakeAsync(new RequestInput(input.RegionCode, input.CategoryId, input.Title, input.Description, input.Location, input.RequesterName, input.Phone), channel, actor, ct);
            if (!result.Succeeded)
            {
                return TypedResults.ValidationProblem(result.Errors!, title: "工单信息不符合要求");
            }

            var receipt = new RequestReceiptDto(result.Request!.Id, result.Request.Stage.ToString(), FollowPath(result.FollowToken!), result.FollowToken!);
            return TypedResults.Created($"/api/v1/requests/{receipt.Id}", receipt);
        });

    public static string FollowPath(string token) => "/r/" + token;

    private static async Task<Ok<List<CategoryDto>>> Categories(ShequDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.RequestCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Code)
            .Select(c => new CategoryDto(c.Id, c.ParentId, c.Code, c.Name, c.Group.ToString(), c.TimeLimitHours)).ToListAsync(ct));

    private static async Task<Ok<Page<RequestDto>>> List(string? queue, int? category, RequestStage? stage, int? page, int? pageSize, HttpContext http, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = await RequestQueues.FilterAsync(db, http.User, RequestQueues.Parse(queue), category, stage, null, now, ct);
        var result = await query.Include(r => r.Transitions).AsSplitQuery().ToPageAsync(page ?? 1, pageSize ?? Page<ServiceRequest>.DefaultSize, ct);
        return TypedResults.Ok(new Page<RequestDto>([.. result.Items.Select(r => ToDto(r, sealer, now))], result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<RequestDto>, ProblemHttpResult>> Get(int id, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var request = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return request is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "工单不存在", detail: "找不到该工单，或其不在您的管辖范围内。")
            : TypedResults.Ok(ToDto(request, sealer, time.GetUtcNow().UtcDateTime));
    }

    private static Task<IResult> Transition(int id, NewTransition input, HttpContext http, ShequDbContext db, RequestDesk desk, IPersonalDataSealer sealer, CancellationToken ct) =>
        Idempotency.RunAsync(http, db, new { id, input }, async () =>
        {
            var result = await desk.MoveAsync(id, input.To, http.User.Identity!.Name!, input.Note, input.HandlerWorkerId, input.Version, ct, handlerUnitId: input.HandlerUnitId);
            return Answer(result, sealer, desk);
        });

    private static Task<IResult> Phone(int id, PhoneFollowUp input, HttpContext http, ShequDbContext db, RequestDesk desk, IPersonalDataSealer sealer, CancellationToken ct) =>
        Idempotency.RunAsync(http, db, new { id, input }, async () =>
            Answer(await desk.RecordPhoneFollowUpAsync(id, input.Solved, input.Satisfaction, input.Words, http.User.Identity!.Name!, input.Version, ct), sealer, desk));

    private static IResult Answer(DeskResult result, IPersonalDataSealer sealer, RequestDesk desk) => result.Status switch
    {
        StatusCodes.Status200OK => TypedResults.Ok(ToDto(result.Request!, sealer, desk.NowUtc)),
        StatusCodes.Status404NotFound => TypedResults.Problem(statusCode: 404, title: "工单不存在", detail: result.FirstError),
        StatusCodes.Status409Conflict => TypedResults.Problem(statusCode: 409, title: "数据已被他人修改，请刷新后重试", detail: result.FirstError),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "不能进行此操作", detail: result.FirstError),
    };
}
