using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Organization;

/// <summary>A region as the API shows it.</summary>
public sealed record RegionDto(string Code, string Name, string Level, string? ParentCode, int? UrbanRuralClass);

public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Organization");
        regions.MapGet("/", ListRegions)
            .WithSummary("Regions within the caller's scope: the children of `parent`, or without it the caller's own region and its children.");
        regions.MapGet("/{code}", GetRegion).WithSummary("One region; 404 when it does not exist or lies outside the caller's scope.");
        return api;
    }

    public static RegionDto ToDto(Region r) =>
        new(r.Code, r.Name, LevelNames.Key(r.Level), r.ParentId is null ? null : RegionCode.ImpliedParentCode(r.Code), (int?)r.UrbanRural);

    private static async Task<Results<Ok<List<RegionDto>>, ProblemHttpResult>> ListRegions(
        string? parent, ShequDbContext db, HttpContext http, CancellationToken ct)
    {
        List<Region> list;
        if (parent is not null)
        {
            var p = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == parent, ct);
            if (p is null)
            {
                return NotFound(parent);
            }

            list = await db.Regions.AsNoTracking().Where(r => r.ParentId == p.Id).OrderBy(r => r.Code).ToListAsync(ct);
        }
        else if (http.User.IsSystemAdmin())
        {
            // Unbounded scope: the roots and their children.
            var roots = await db.Regions.AsNoTracking().Where(r => r.ParentId == null).OrderBy(r => r.Code).ToListAsync(ct);
            var rootIds = roots.Select(r => r.Id).ToList();
            list = [.. roots, .. await db.Regions.AsNoTracking().Where(r => r.ParentId != null && rootIds.Contains(r.ParentId.Value)).OrderBy(r => r.Code).ToListAsync(ct)];
        }
        else
        {
            var own = http.User.RegionCodeOf();
            var self = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == own, ct);
            list = self is null
                ? []
                : [self, .. await db.Regions.AsNoTracking().Where(r => r.ParentId == self.Id).OrderBy(r => r.Code).ToListAsync(ct)];
        }

        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<RegionDto>, ProblemHttpResult>> GetRegion(string code, ShequDbContext db, CancellationToken ct)
    {
        var r = await db.Regions.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        return r is null ? NotFound(code) : TypedResults.Ok(ToDto(r));
    }

    private static ProblemHttpResult NotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "区划不存在", detail: $"找不到代码为“{code}”的区划，或它不在您的管辖范围内。");
}
