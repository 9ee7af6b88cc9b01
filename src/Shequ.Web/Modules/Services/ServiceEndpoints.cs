using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Services;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Services;

namespace Shequ.Web.Modules.Services;

public sealed record ServiceStepDto(int Order, string Name, int? TimeLimitDays, string? Materials);

public sealed record ServiceItemDto(int Id, string Code, string Name, string Function, string Kind, string List, string DefinedBy, int Version, DateOnly PublishedOn, string Standard, IReadOnlyList<ServiceStepDto> Steps);

public sealed record ServiceRecordDto(long Id, int ServiceItemId, int WorkerId, int HouseholdId, int? ResidentId, string RegionCode, DateTime OccurredAt, string Mode, string Provider, string Outcome, int Minutes, string? Note);

public static class ServiceEndpoints
{
    public static RouteGroupBuilder MapServiceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/service-items", Items).AllowAnonymous().WithTags("Services")
            .WithSummary("Published service items with their current standard and flow. `community`: only the items offered there. Public.");
        var records = api.MapGroup("/service-records").WithTags("Services");
        records.MapGet("/", Records).WithSummary("Service records in the caller's scope: `worker`, `from`, `to` (dates, inclusive), paging.");
        records.MapPost("/", Create).RequireAuthorization(Policies.ServiceWork)
            .WithSummary("Records one delivery. `workerId` defaults to the caller's own worker record; only administrators record for others. Accepts Idempotency-Key.");
        return api;
    }

    internal static ServiceItemDto ToDto(ServiceItem i)
    {
        var v = i.Current!;
        return new(i.Id, i.Code, i.Name, i.Function.ToString(), i.Kind.ToString(), i.List.ToString(), i.RegionCode, v.Number, v.PublishedOn!.Value, v.Standard,
            [.. v.Steps.OrderBy(s => s.Order).Select(s => new ServiceStepDto(s.Order, s.Name, s.TimeLimitDays, s.Materials))]);
    }

    internal static ServiceRecordDto ToDto(ServiceRecord r) => new(
        r.Id, r.ServiceItemId, r.WorkerId, r.HouseholdId, r.ResidentId, r.RegionCode, r.OccurredAt, r.Mode.ToString(), r.Provider.ToString(), r.Outcome.ToString(), r.Minutes, r.Note);

    /// <summary>The published catalogue, for anyone: what a community offers is public by design (E2-1).</summary>
    public static async Task<List<ServiceItem>> PublishedAsync(ShequDbContext db, string? community, CancellationToken ct)
    {
        var items = await db.ServiceItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.IsActive)
            .OrderBy(i => i.List).ThenBy(i => i.Code).ToListAsync(ct);
        return [.. items.Where(i => i.Current is not null && (string.IsNullOrWhiteSpace(community) || i.AppliesTo(community.Trim())))];
    }

    private static async Task<Ok<List<ServiceItemDto>>> Items(string? community, ShequDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await PublishedAsync(db, community, ct)).Select(ToDto).ToList());

    private static async Task<Ok<Page<ServiceRecordDto>>> Records(int? worker, DateOnly? from, DateOnly? to, int? page, int? pageSize, ShequDbContext db, CancellationToken ct)
    {
        var query = db.ServiceRecords.AsNoTracking();
        if (worker is { } w)
        {
            query = query.Where(r => r.WorkerId == w);
        }

        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue);
            query = query.Where(r => r.OccurredAt >= start);
        }

        if (to is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue);
            query = query.Where(r => r.OccurredAt < end);
        }

        var result = await query.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id).ToPageAsync(page ?? 1, pageSize ?? Page<ServiceRecord>.DefaultSize, ct);
        return TypedResults.Ok(new Page<ServiceRecordDto>([.. result.Items.Select(ToDto)], result.PageNumber, result.PageSize, result.Total));
    }

    private static Task<IResult> Create(RecordInput input, HttpContext http, ShequDbContext db, ServiceDesk desk, CancellationToken ct) =>
        Idempotency.RunAsync(http, db, input, async () =>
        {
            var result = await desk.RecordAsync(input, http.User, null, save: true, ct);
            if (result.Succeeded)
            {
                return TypedResults.Created($"/api/v1/service-records/{result.Record!.Id}", ToDto(result.Record));
            }

            return result.Status == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Field] = [result.Error!] }, title: "服务记录不符合要求")
                : TypedResults.Problem(statusCode: result.Status, title: "不能登记该服务记录", detail: result.Error);
        });
}
