using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Sites;

public sealed class EditModel(ShequDbContext db, IStringLocalizer<SharedResource> l, IAuthorizationService authz) : PageModel
{
    [BindProperty]
    public SiteInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var site = await LoadAsync(id, ct);
        if (site is null)
        {
            return NotFound();
        }

        Input = SiteInput.From(site);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var site = await LoadAsync(id, ct);
        if (site is null)
        {
            return NotFound();
        }

        if (!(await authz.AuthorizeAsync(User, Policies.OrganizationEdit)).Succeeded)
        {
            return Forbid();
        }

        Input.Kind = site.Kind;
        Input.RegionCode = site.Region.Code;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await Input.ServedCommunitiesAsync(db, ModelState, l, ct) is not { } served)
        {
            return Page();
        }

        try
        {
            db.Entry(site).Property(s => s.Version).OriginalValue = Input.Version;
            site.Update(Input.ToDetails(), served);
            await db.SaveChangesAsync(ct);
            return Redirect("/Organization/Regions/Details/" + site.Region.Code);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return this.ConflictPage(l);
        }
    }

    private Task<ServiceSite?> LoadAsync(int id, CancellationToken ct) =>
        db.ServiceSites.Include(s => s.Region).Include(s => s.ServedCommunities).SingleOrDefaultAsync(s => s.Id == id, ct);
}
