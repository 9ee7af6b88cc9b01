using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Sites;

[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class CreateModel(ShequDbContext db, RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SiteInput Input { get; set; } = new();

    public void OnGet(string? region)
    {
        Input.RegionCode = region ?? string.Empty;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = await regions.ReadRegionAsync(ModelState, "Input.RegionCode", Input.RegionCode, User, l, ct: ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null)
        {
            ModelState.AddModelError("Input.RegionCode", l["Region.ParentNotFound", Input.RegionCode]);
            return Page();
        }

        if (await Input.ServedCommunitiesAsync(db, ModelState, l, ct) is not { } served)
        {
            return Page();
        }

        try
        {
            var site = ServiceSite.Create(Input.Kind, region, Input.ToDetails(), served);
            db.ServiceSites.Add(site);
            await db.SaveChangesAsync(ct);
            return Redirect("/Organization/Regions/Details/" + region.Code);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }
}
