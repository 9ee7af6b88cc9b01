using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Services;

/// <summary>One service delivery as the phone form, the work-log bulk form and the API give it.</summary>
public sealed record RecordInput(int ServiceItemId, int? WorkerId, int HouseholdId, int? ResidentId, DateTime? OccurredAt, ServiceMode Mode, ProviderType Provider, ServiceOutcome Outcome, int Minutes, string? Note);

public sealed record RecordResult(ServiceRecord? Record, int Status, string Field, string? Error)
{
    public bool Succeeded => Record is not null;
}

/// <summary>
/// Records service deliveries. A worker records their own; an administrator may record for any worker in
/// scope. The household, resident and item must all be visible to the caller.
/// </summary>
public sealed class ServiceDesk(ShequDbContext db, TimeProvider time)
{
    public DateTime NowLocal => time.GetLocalNow().DateTime;

    /// <summary>A time as the local wall clock showed it: an instant given in UTC is converted, the kind dropped.</summary>
    public DateTime? WallClock(DateTime? at) => at is not { } t ? null
        : DateTime.SpecifyKind(t.Kind == DateTimeKind.Utc ? TimeZoneInfo.ConvertTimeFromUtc(t, time.LocalTimeZone) : t, DateTimeKind.Unspecified);

    public Task<Worker?> OwnWorkerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Workers.Include(w => w.Assignments).SingleOrDefaultAsync(w => w.StaffUserId == userId, ct);
    }

    public async Task<RecordResult> RecordAsync(RecordInput input, ClaimsPrincipal user, int? workLogEntryId, bool save, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var own = await OwnWorkerAsync(user, ct);
        Worker? worker;
        if (input.WorkerId is null or 0 || input.WorkerId == own?.Id)
        {
            worker = own;
            if (worker is null)
            {
                return new RecordResult(null, StatusCodes.Status400BadRequest, "workerId", "您的账号未关联社区工作者档案，请指定服务人员。");
            }
        }
        else
        {
            if (!user.CanEditOrganization())
            {
                return new RecordResult(null, StatusCodes.Status403Forbidden, "workerId", "只能登记本人的服务记录。");
            }

            worker = await db.Workers.SingleOrDefaultAsync(w => w.Id == input.WorkerId, ct);
            if (worker is null)
            {
                return new RecordResult(null, StatusCodes.Status404NotFound, "workerId", "找不到该社区工作者，或其不在您的管辖范围内。");
            }
        }

        var household = await db.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == input.HouseholdId, ct);
        if (household is null)
        {
            return new RecordResult(null, StatusCodes.Status404NotFound, "householdId", "找不到该住户，或其不在您的管辖范围内。");
        }

        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == input.ServiceItemId, ct);
        if (item is null)
        {
            return new RecordResult(null, StatusCodes.Status404NotFound, "serviceItemId", "找不到该服务事项。");
        }

        var resident = input.ResidentId is { } rid ? await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid, ct) : null;
        if (input.ResidentId is not null && resident is null)
        {
            return new RecordResult(null, StatusCodes.Status404NotFound, "residentId", "找不到该居民，或其不在您的管辖范围内。");
        }

        try
        {
            var record = ServiceRecord.Record(
                new ServiceDelivery(item, worker, household, resident, WallClock(input.OccurredAt) ?? NowLocal, input.Mode, input.Provider, input.Outcome, input.Minutes, input.Note, workLogEntryId),
                NowLocal, time.GetUtcNow().UtcDateTime, user.Identity?.Name);
            db.ServiceRecords.Add(record);
            if (save)
            {
                await db.SaveChangesAsync(ct);
            }

            return new RecordResult(record, StatusCodes.Status201Created, string.Empty, null);
        }
        catch (BusinessRuleViolationException ex)
        {
            return new RecordResult(null, StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }
    }
}
