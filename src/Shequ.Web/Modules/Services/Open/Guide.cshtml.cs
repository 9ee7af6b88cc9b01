using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Domain.Services;

namespace Shequ.Web.Modules.Services.Open;

/// <summary>E2-1: the published service standards and flows of one community, open to anyone and printable.</summary>
public sealed class GuideModel(ShequDbContext db) : PageModel
{
    public Region? Community { get; private set; }

    public List<ServiceItem> Items { get; private set; } = [];

    public List<(string Code, string Name)> Communities { get; private set; } = [];

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(community))
        {
            Community = await db.Regions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Code == community && r.Level == RegionLevel.Community, ct);
        }

        if (Community is null)
        {
            Communities = [.. (await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => r.Level == RegionLevel.Community).OrderBy(r => r.Code)
                .Select(r => new { r.Code, r.Name }).ToListAsync(ct)).Select(r => (r.Code, r.Name))];
            return;
        }

        Items = await ServiceEndpoints.PublishedAsync(db, Community.Code, ct);
    }
}
