using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Regions;

public sealed class DetailsModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Region Region { get; private set; } = null!;

    public List<Region> Ancestors { get; private set; } = [];

    public Page<Region> Children { get; private set; } = new([], 1, 50, 0);

    public List<ServiceSite> Sites { get; private set; } = [];

    public string KindText => Region.Level switch
    {
        RegionLevel.Street => l["StreetKind." + RegionCode.StreetKindOf(Region.Code)],
        RegionLevel.Community => l["CommunityKind." + RegionCode.CommunityKindOf(Region.Code)],
        _ => string.Empty,
    };

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null)
        {
            return NotFound();
        }

        Region = region;
        var ancestorCodes = new List<string>();
        for (var c = RegionCode.ImpliedParentCode(code); c is not null; c = RegionCode.ImpliedParentCode(c))
        {
            ancestorCodes.Add(c);
        }

        // Ancestors above the caller's scope are filtered out, so the breadcrumb starts at the caller's own region.
        Ancestors = await db.Regions.AsNoTracking().Where(r => ancestorCodes.Contains(r.Code)).OrderBy(r => r.Level).ToListAsync(ct);
        Children = await db.Regions.AsNoTracking().Where(r => r.ParentId == region.Id).OrderBy(r => r.Code).ToPageAsync(PageNumber, PagerModel.SizeFrom(Request, 50), ct);
        Sites = await db.ServiceSites.AsNoTracking().Include(s => s.ServedCommunities)
            .Where(s => s.RegionId == region.Id).OrderBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(ct);
        return Page();
    }
}
