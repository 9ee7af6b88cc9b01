using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;
using Shequ.Web.Pages.Registry;

namespace Shequ.Web.Api;

/// <summary>A resident as the API shows it: identifiers masked, as on screen.</summary>
public sealed record ResidentDto(int Id, int HouseholdId, string Name, string Sex, int Age, string IdNumber, string? Mobile, string RegionCode, string CareLevel, IReadOnlyList<string> Groups, string Status);

public sealed record ResidentPageDto(IReadOnlyList<ResidentDto> Items, int Page, int PageSize, int Total);

public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var residents = api.MapGroup("/residents").WithTags("Registry");
        residents.MapGet("/", ListResidents)
            .WithSummary("Residents in the caller's scope. `q`: a name prefix, or an exact ID number or mobile (matched through the blind index). Values are masked.");
        residents.MapGet("/{id:int}", GetResident).WithSummary("One resident, masked; 404 outside the caller's scope.");
        return api;
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().Date);

    private static ResidentDto ToDto(ResidentRow r) => new(
        r.Id, r.HouseholdId, r.Name, r.Sex.ToString().ToLowerInvariant(), r.Age, r.MaskedId, r.MaskedPhone, r.RegionCode,
        r.CareLevel.ToString().ToLowerInvariant(), [.. r.Groups.Select(g => g.ToString())], r.Status.ToString().ToLowerInvariant());

    private static async Task<Ok<ResidentPageDto>> ListResidents(
        string? q, SpecialGroup? group, string? region, int? page, int? pageSize,
        ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var today = Today(time);
        var search = new ResidentSearch { Q = q, Group = group, Under = region };
        var result = await search.Apply(db, sealer, today).ToPageAsync(page ?? 1, pageSize ?? Page<Resident>.DefaultSize, ct);
        return TypedResults.Ok(new ResidentPageDto([.. result.Items.Select(r => ToDto(ResidentSearch.ToRow(r, sealer, today)))], result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> GetResident(int id, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var resident = await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return resident is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "居民不存在", detail: "找不到该居民，或其不在您的管辖范围内。")
            : TypedResults.Ok(ToDto(ResidentSearch.ToRow(resident, sealer, Today(time))));
    }
}
