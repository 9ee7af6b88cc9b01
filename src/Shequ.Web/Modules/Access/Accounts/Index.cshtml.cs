using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Access.Accounts;

/// <summary>Staff accounts within the administrator's scope: find, export, disable and enable.</summary>
[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, UserManager<StaffUser> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AccountRow> Results { get; private set; } = new([], 1, Page<AccountRow>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, role = Role, under = Under })!;

    public string StatusText(AccountRow a) =>
        a.IsDisabled ? l["Account.Disabled"] : a.LockoutEnd > time.GetUtcNow() ? l["Account.Locked"] : l["Account.Active"];

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var rows = await Filtered().Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(StaffUser), detail: $"{rows.Count} rows; q={Q}; role={Role}; under={Under}");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(a => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.UserName"]] = a.UserName,
                [l["Field.DisplayName"]] = a.DisplayName,
                [l["Field.Role"]] = a.Role is null ? null : l["Role." + a.Role].Value,
                [l["Field.Region"]] = regionNames.NameOf(a.RegionCode),
                [l["Field.RegionCode"]] = a.RegionCode,
                [l["Field.Region"]] = a.RegionName,
                [l["Field.Status"]] = StatusText(a),
            }),
            l["Nav.Accounts"], ct);
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, true, ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => SetDisabledAsync(id, false, ct);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct)
    {
        var row = await AccountQueries.InScope(db, User).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (row is null)
        {
            return NotFound();
        }

        if (row.UserName == User.Identity?.Name || (row.Role is not null && !Roles.CanGrant(Roles.All.Where(User.IsInRole), row.Role)))
        {
            return Forbid();
        }

        var user = (await users.FindByIdAsync(id))!;
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        if (disabled)
        {
            // A new stamp ends the account's sessions at their next check (within a minute); tokens stop at once.
            await users.UpdateSecurityStampAsync(user);
            await db.ApiTokens.Where(t => t.UserId == id && t.RevokedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, DateTime.UtcNow), ct);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        TempData["Notice"] = (string)l[disabled ? "Account.DisabledNotice" : "Account.EnabledNotice", user.UserName ?? string.Empty];
        return RedirectToPage(new { q = Q, role = Role, under = Under, p = PageNumber });
    }

    private IQueryable<AccountRow> Filtered()
    {
        var query = AccountQueries.InScope(db, User);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(a => a.UserName!.Contains(q) || (a.DisplayName != null && a.DisplayName.Contains(q)));
        }

        if (Roles.IsKnown(Role))
        {
            query = query.Where(a => a.Role == Role);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(a => a.RegionCode != null && a.RegionCode.StartsWith(prefix));
        }

        return query;
    }
}
