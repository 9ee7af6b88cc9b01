using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Registry;

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
        residents.MapPost("/", CreateResident)
            .RequireAuthorization(Policies.RegistryEdit)
            .WithSummary("Registers a person in an existing household. 400 with reasons for invalid data, 409 when the ID number is already registered (outside the caller's scope: only \"registered elsewhere\", audited), 429 after too many such answers in an hour.");

        var households = api.MapGroup("/households").WithTags("Registry");
        households.MapGet("/", ListHouseholds).WithSummary("Households in the caller's scope, addresses masked.");
        households.MapGet("/{id:int}", GetHousehold).WithSummary("One household with its members, masked.");
        households.MapPost("/", CreateHousehold)
            .RequireAuthorization(Policies.RegistryEdit)
            .WithSummary("Registers a household in a community or grid of the caller's scope; 400 with reasons, 404 outside the scope.");

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

    public sealed record NewResident(int HouseholdId, string Name, string IdNumber, string? Mobile, RelationToHead Relation);

    public sealed record HouseholdDto(int Id, string RegionCode, string Address, string Dwelling, string Status, IReadOnlyList<ResidentDto>? Members);

    private static async Task<Results<Created<ResidentDto>, ValidationProblem, ProblemHttpResult>> CreateResident(
        NewResident input, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, DuplicateIdentities duplicates, HttpContext http, CancellationToken ct)
    {
        var today = Today(time);
        var errors = new Dictionary<string, string[]>();
        if (!IdNumber.TryParse(input.IdNumber, today, out var id, out var problem))
        {
            errors["idNumber"] = [IdNumber.Describe(problem)];
        }

        MobileNumber? mobile = null;
        if (!string.IsNullOrWhiteSpace(input.Mobile))
        {
            if (MobileNumber.TryParse(input.Mobile, out var m))
            {
                mobile = m;
            }
            else
            {
                errors["mobile"] = [MobileNumber.Problem];
            }
        }

        if (PersonName.Normalize(input.Name, out var nameProblem) is null)
        {
            errors["name"] = [nameProblem!];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "居民信息不符合要求");
        }

        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == input.HouseholdId, ct);
        if (household is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "住户不存在", detail: "找不到该住户，或其不在您的管辖范围内。");
        }

        if (await duplicates.CheckAsync(db, sealer, id, http.User.Identity?.Name, ct) is not DuplicateIdentity.None and var duplicate)
        {
            return TypedResults.Problem(statusCode: DuplicateIdentities.StatusFor(duplicate), title: "重复登记", detail: DuplicateIdentities.MessageFor(duplicate));
        }

        var resident = Resident.Register(household, input.Name, id, mobile, input.Relation, sealer);
        db.Residents.Add(resident);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/residents/{resident.Id}", ToDto(ResidentSearch.ToRow(resident, sealer, today)));
    }

    public sealed record NewHousehold(string RegionCode, string? Building, string? Unit, string? Room, string? VillageGroup, DwellingType Dwelling);

    private static async Task<Results<Created<HouseholdDto>, ValidationProblem, ProblemHttpResult>> CreateHousehold(NewHousehold input, ShequDbContext db, IPersonalDataSealer sealer, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == input.RegionCode, ct);
        if (region is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "区划不存在", detail: $"找不到代码为“{input.RegionCode}”的区划，或它不在您的管辖范围内。");
        }

        try
        {
            var household = Household.Register(region, new HouseholdAddress(input.Building, input.Unit, input.Room, input.VillageGroup), input.Dwelling, sealer);
            db.Households.Add(household);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/households/{household.Id}", ToDto(household, sealer, []));
        }
        catch (BusinessRuleViolationException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Code] = [ex.Message] }, title: "住户信息不符合要求");
        }
    }

    private static HouseholdDto ToDto(Household h, IPersonalDataSealer sealer, IReadOnlyList<ResidentDto>? members) =>
        new(h.Id, h.RegionCode, Residents.HouseholdDisplay.Address(h, sealer, reveal: false), h.DwellingType.ToString().ToLowerInvariant(), h.Status.ToString().ToLowerInvariant(), members);

    private static async Task<Ok<List<HouseholdDto>>> ListHouseholds(string? region, int? page, int? pageSize, ShequDbContext db, IPersonalDataSealer sealer, CancellationToken ct)
    {
        var query = db.Households.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region) && Shequ.Domain.Organization.RegionCode.LevelOf(region) is { } level)
        {
            var prefix = Shequ.Domain.Organization.RegionCode.SubtreePrefix(level, region);
            query = query.Where(h => h.RegionCode.StartsWith(prefix));
        }

        var result = await query.OrderBy(h => h.Id).ToPageAsync(page ?? 1, pageSize ?? Page<Household>.DefaultSize, ct);
        return TypedResults.Ok(result.Items.Select(h => ToDto(h, sealer, null)).ToList());
    }

    private static async Task<Results<Ok<HouseholdDto>, ProblemHttpResult>> GetHousehold(int id, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "住户不存在", detail: "找不到该住户，或其不在您的管辖范围内。");
        }

        var members = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id).OrderBy(r => r.Relation).ToListAsync(ct);
        return TypedResults.Ok(ToDto(household, sealer, [.. members.Select(m => ToDto(ResidentSearch.ToRow(m, sealer, Today(time))))]));
    }

    private static async Task<Results<Ok<ResidentDto>, ProblemHttpResult>> GetResident(int id, ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, CancellationToken ct)
    {
        var resident = await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return resident is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "居民不存在", detail: "找不到该居民，或其不在您的管辖范围内。")
            : TypedResults.Ok(ToDto(ResidentSearch.ToRow(resident, sealer, Today(time))));
    }
}
