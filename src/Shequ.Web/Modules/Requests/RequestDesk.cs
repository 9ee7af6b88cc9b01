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

    /// <summary>Moves a request in the caller's scope. A dispatch names a worker the caller can see; its limit comes from the category.</summary>
    public async Task<DeskResult> MoveAsync(int id, RequestStage to, string actor, string? note, int? handlerWorkerId, int? expectedVersion, CancellationToken ct)
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

        int? limit = null;
        if (to == RequestStage.Dispatched)
        {
            if (handlerWorkerId is { } w && !await db.Workers.AnyAsync(x => x.Id == w, ct))
            {
                return DeskResult.Invalid("handlerWorkerId", "找不到该处理人，或其不在您的管辖范围内。");
            }

            limit = await LimitForAsync(request.CategoryId, ct);
        }

        try
        {
            request.MoveTo(to, actor, NowUtc, note, handlerWorkerId, limit);
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

    /// <summary>The requester's "was it solved?", through the private link.</summary>
    public async Task<DeskResult> AnswerAsync(string? token, bool solved, CancellationToken ct)
    {
        var request = await FindByFollowTokenAsync(token, ct);
        if (request is null)
        {
            return DeskResult.NotFound("链接无效或已失效。");
        }

        try
        {
            request.AnswerSolved(solved, NowUtc);
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
