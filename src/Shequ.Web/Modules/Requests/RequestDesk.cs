using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Requests;

/// <summary>Settings under Shequ:Requests.</summary>
public sealed class RequestOptions
{
    /// <summary>The limit for a category with none in its branch.</summary>
    public int FallbackTimeLimitHours { get; set; } = 72;

    /// <summary>How often the escalation job looks for overdue requests.</summary>
    public int EscalationCheckMinutes { get; set; } = 5;

    /// <summary>Anonymous submissions per address and window; residents behind one carrier NAT share an address.</summary>
    public int PublicSubmissionsPerWindow { get; set; } = 30;

    public int PublicSubmissionWindowMinutes { get; set; } = 10;

    /// <summary>
    /// Separation of duties: whoever opens a case does not handle it, and whoever verifies and closes it neither
    /// opened, handled nor reported it. A community with too few staff may turn it off.
    /// </summary>
    public bool SeparateDuties { get; set; } = true;
}

/// <summary>A dispatch target as the forms post it: "w:12" a worker, "u:3" a handling unit.</summary>
public static class HandlerChoice
{
    public static string OfWorker(int id) => "w:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string OfUnit(int id) => "u:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static (int? WorkerId, int? UnitId) Parse(string? value)
    {
        if (value is null || value.Length < 3 || value[1] != ':' || !int.TryParse(value.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return (null, null);
        }

        return value[0] switch { 'w' => (id, null), 'u' => (null, id), _ => (null, null) };
    }
}

/// <summary>What became of an intake or a move: done, or why not.</summary>
public sealed record DeskResult(ServiceRequest? Request, string? FollowToken, int Status, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string FirstError => Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? string.Empty;

    public static DeskResult Ok(ServiceRequest request, string? token = null) => new(request, token, StatusCodes.Status200OK, null);

    public static DeskResult Invalid(string field, string message) => new(null, null, StatusCodes.Status400BadRequest, new Dictionary<string, string[]> { [field] = [message] });

    public static DeskResult NotFound(string message) => new(null, null, StatusCodes.Status404NotFound, new Dictionary<string, string[]> { ["id"] = [message] });

    public static DeskResult Conflict() => new(null, null, StatusCodes.Status409Conflict, new Dictionary<string, string[]> { ["version"] = ["工单已被他人处理，请刷新后重试。"] });
}

/// <summary>A new request as any intake channel gives it.</summary>
public sealed record RequestInput(string? RegionCode, int CategoryId, string? Title, string? Description, string? Location, string? RequesterName, string? Phone);

/// <summary>
/// The one place requests are taken in and moved, for the pages, the public form and the API alike:
/// input checks, scope, time limits from the category settings, and the private follow link.
/// </summary>
public sealed class RequestDesk(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, Microsoft.Extensions.Options.IOptions<RequestOptions> options)
{
    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public Task<ServiceRequest?> FindByFollowTokenAsync(string? token, CancellationToken ct) =>
        PrivateLinks.HashOf(token) is { } hash
            ? db.ServiceRequests.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.FollowTokenHash == hash, ct)
            : Task.FromResult<ServiceRequest?>(null);

    /// <summary>
    /// Takes in a request. A public submission may name any community or grid; staff only those in their scope.
    /// </summary>
    public async Task<DeskResult> IntakeAsync(RequestInput input, RequestChannel channel, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var code = input.RegionCode?.Trim() ?? string.Empty;
        var regions = channel == RequestChannel.Public ? db.Regions.IgnoreQueryFilters() : db.Regions;
        var region = await regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || region.Level < RegionLevel.Community)
        {
            return DeskResult.Invalid("regionCode", "请选择所在社区或网格。");
        }

        var category = await db.RequestCategories.SingleOrDefaultAsync(c => c.Id == input.CategoryId, ct);
        MobileNumber? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (!MobileNumber.TryParse(input.Phone, out var parsed))
            {
                return DeskResult.Invalid("phone", MobileNumber.Problem);
            }

            phone = parsed;
        }

        try
        {
            var (token, hash) = PrivateLinks.New();
            var request = ServiceRequest.Collect(
                new RequestIntake(channel, region.Code, category!, input.Title ?? string.Empty, input.Description ?? string.Empty, input.Location, input.RequesterName, phone),
                hash, actor, NowUtc, sealer);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync(ct);
            return DeskResult.Ok(request, token);
        }
        catch (BusinessRuleViolationException ex)
        {
            return DeskResult.Invalid(ex.Code, ex.Message);
        }
    }

    /// <summary>
    /// Moves a request in the caller's scope. A dispatch names a worker the caller can see or a handling unit whose
    /// area holds the request; its limit comes from the category. A unit's account (<paramref name="actingUnitId"/>)
    /// may only take up, report on or hand back what was routed to it; staff do not act for a unit.
    /// </summary>
    public async Task<DeskResult> MoveAsync(
        int id, RequestStage to, string actor, string? note, int? handlerWorkerId, int? expectedVersion, CancellationToken ct,
        int? handlerUnitId = null, int? actingUnitId = null)
    {
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || (actingUnitId is { } own && request.HandlerUnitId != own))
        {
            return DeskResult.NotFound("找不到该工单，或其不在您的管辖范围内。");
        }

        if (expectedVersion is { } v && v != request.Version)
        {
            return DeskResult.Conflict();
        }

        var unitStep = request.Stage is RequestStage.Dispatched or RequestStage.Handling && to is RequestStage.Handling or RequestStage.Reported;
        if (actingUnitId is not null && !(unitStep || (request.Stage == RequestStage.Dispatched && to == RequestStage.Opened)))
        {
            return DeskResult.Invalid("to", "承办单位只能接收、反馈或退回派给本单位的工单。");
        }

        if (actingUnitId is null && request.HandlerUnitId is not null && unitStep)
        {
            return DeskResult.Invalid("to", "该工单已派给承办单位，由承办单位在自己的账号中接收和反馈；如需改派，请先收回。");
        }

        int? limit = null;
        RequestHandler? handler = null;
        if (to == RequestStage.Dispatched)
        {
            if (handlerUnitId is { } u)
            {
                var unit = await db.HandlingUnits.AsNoTracking().SingleOrDefaultAsync(x => x.Id == u, ct);
                if (unit is null || !unit.Serves(request.RegionCode))
                {
                    return DeskResult.Invalid("handler", "找不到该承办单位，或这件事不在它负责的区域内。");
                }

                handler = RequestHandler.Unit(unit.Id);
            }
            else if (handlerWorkerId is { } w)
            {
                var worker = await db.Workers.AsNoTracking().Where(x => x.Id == w).Select(x => new { x.Id, x.StaffUserId }).SingleOrDefaultAsync(ct);
                if (worker is null)
                {
                    return DeskResult.Invalid("handlerWorkerId", "找不到该处理人，或其不在您的管辖范围内。");
                }

                var account = worker.StaffUserId is null ? null : await db.Users.Where(x => x.Id == worker.StaffUserId).Select(x => x.UserName).SingleOrDefaultAsync(ct);
                handler = RequestHandler.Worker(worker.Id, account);
            }

            limit = await LimitForAsync(request.CategoryId, ct);
        }

        try
        {
            request.MoveTo(to, actor, NowUtc, note, timeLimitHours: limit, handler: handler, separateDuties: options.Value.SeparateDuties);
            await db.SaveChangesAsync(ct);
            return DeskResult.Ok(request);
        }
        catch (BusinessRuleViolationException ex)
        {
            return DeskResult.Invalid(ex.Code, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskResult.Conflict();
        }
    }

    /// <summary>The requester's answer as staff took it down on the phone (电话回访).</summary>
    public async Task<DeskResult> RecordPhoneFollowUpAsync(int id, bool solved, Satisfaction? rating, string? words, string actor, int? expectedVersion, CancellationToken ct)
    {
        var request = await db.ServiceRequests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return DeskResult.NotFound("找不到该工单，或其不在您的管辖范围内。");
        }

        if (expectedVersion is { } v && v != request.Version)
        {
            return DeskResult.Conflict();
        }

        return await SaveAsync(request, () => request.RecordPhoneFollowUp(solved, rating, words, actor, NowUtc), ct);
    }

    /// <summary>The requester's "was it solved?", through the private link.</summary>
    public async Task<DeskResult> AnswerAsync(string? token, bool solved, Satisfaction? rating, string? whatIsStillWrong, CancellationToken ct)
    {
        var request = await FindByFollowTokenAsync(token, ct);
        if (request is null)
        {
            return DeskResult.NotFound("链接无效或已失效。");
        }

        return await SaveAsync(request, () => request.AnswerSolved(solved, rating, whatIsStillWrong, NowUtc), ct);
    }

    private async Task<DeskResult> SaveAsync(ServiceRequest request, Action change, CancellationToken ct)
    {
        try
        {
            change();
            await db.SaveChangesAsync(ct);
            return DeskResult.Ok(request);
        }
        catch (BusinessRuleViolationException ex)
        {
            return DeskResult.Invalid(ex.Code, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskResult.Conflict();
        }
    }

    public async Task<int> LimitForAsync(int categoryId, CancellationToken ct)
    {
        var all = await db.RequestCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return all.TryGetValue(categoryId, out var category)
            ? RequestCategory.EffectiveLimitHours(category, all, options.Value.FallbackTimeLimitHours)
            : options.Value.FallbackTimeLimitHours;
    }
}
