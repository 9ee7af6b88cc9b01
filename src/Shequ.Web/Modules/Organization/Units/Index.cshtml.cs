using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;
using Shequ.Web.Seeding;

namespace Shequ.Web.Modules.Organization.Units;

/// <summary>
/// The handling units (承办单位) cases and suggestions are routed to: who they are, the area they serve, and their
/// accounts. Everyone on staff reads the register; organisation editors add units, end them and open accounts.
/// </summary>
public sealed class IndexModel(ShequDbContext db, RegionDirectory regions, UserManager<StaffUser> users, IServiceProvider services, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitKind? Kind { get; set; }

    [RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public Page<HandlingUnit> Results { get; private set; } = new([], 1, Page<HandlingUnit>.DefaultSize, 0);

    /// <summary>Accounts per unit, for the list.</summary>
    public Dictionary<int, List<string>> Accounts { get; private set; } = [];

    /// <summary>A new account's user name and its password, shown once.</summary>
    public (string UserName, string Password)? CreatedAccount { get; private set; }

    public bool CanEdit => User.CanEditOrganization();

    /// <summary>
    /// A unit is managed (ended, given accounts) only by an editor whose scope holds its whole area: a street sees the
    /// district's departments to route to them, but does not open accounts for them.
    /// </summary>
    public bool CanManage(HandlingUnit unit) =>
        CanEdit && unit is not null && (User.ScopePrefixOf() is not { } prefix || unit.AreaPrefix.StartsWith(prefix, StringComparison.Ordinal));

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, kind = Kind, under = Under })!;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var code = await regions.ReadRegionAsync(ModelState, "Input.RegionCode", Input.RegionCode, User, l, ct: ct);
        if (ModelState.IsValid)
        {
            try
            {
                var unit = HandlingUnit.Register(Input.Name ?? string.Empty, Input.Kind, code!, Input.ContactPerson, Input.ContactPhone);
                if (await db.HandlingUnits.IgnoreQueryFilters().AnyAsync(u => u.RegionCode == unit.RegionCode && u.Name == unit.Name, ct))
                {
                    ModelState.AddModelError("Input.Name", l["Unit.Duplicate", unit.Name]);
                }
                else
                {
                    db.HandlingUnits.Add(unit);
                    await db.SaveChangesAsync(ct);
                    TempData["Notice"] = (string)l["Unit.Added", unit.Name];
                    return RedirectToPage();
                }
            }
            catch (BusinessRuleViolationException ex)
            {
                ModelState.AddModelError("Input.Name", ex.Message);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var unit = await db.HandlingUnits.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        if (!CanManage(unit))
        {
            return Forbid();
        }

        unit.SetActive(active);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = (string)l[active ? "Unit.Resumed" : "Unit.Ended", unit.Name];
        return RedirectToPage(new { q = Q, kind = Kind, under = Under, p = PageNumber });
    }

    /// <summary>Opens an account for the unit, bound to the unit's area, with a generated password shown once.</summary>
    public async Task<IActionResult> OnPostAccountAsync(int id, string? userName, CancellationToken ct)
    {
        if (!CanEdit || !Roles.CanGrant(Roles.All.Where(User.IsInRole), Roles.UnitHandler))
        {
            return Forbid();
        }

        var unit = await db.HandlingUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.IsActive, ct);
        if (unit is null)
        {
            return NotFound();
        }

        if (!CanManage(unit))
        {
            return Forbid();
        }

        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == unit.RegionCode, ct);
        if (region is null)
        {
            return NotFound();
        }

        await DemoDistrict.EnsureRolesAsync(services);
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var user = new StaffUser { UserName = userName?.Trim() ?? string.Empty, DisplayName = unit.Name, RegionId = region.Id, UnitId = unit.Id, CreatedAtUtc = DateTime.UtcNow };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Roles.UnitHandler);
        }

        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(string.Empty, e.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        await tx.CommitAsync(ct);
        CreatedAccount = (user.UserName!, password);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var names = await regions.GetAsync(ct);
        var rows = await Filtered().Take(Regions.IndexModel.ExportLimit).ToListAsync(ct);
        var accounts = await AccountsOfAsync([.. rows.Select(r => r.Id)], ct);
        db.Audit(AuditActions.Export, nameof(HandlingUnit), detail: $"{rows.Count} rows; q={Q}; kind={Kind}; under={Under}");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext,
            rows.Select(u => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Name"]] = u.Name,
                [l["Field.Kind"]] = l["UnitKind." + u.Kind].Value,
                [l["Unit.Area"]] = string.Join(" › ", names.PathTo(u.RegionCode).Select(e => e.Name)),
                [l["Field.ContactPerson"]] = u.ContactPerson,
                [l["Field.ContactPhone"]] = u.ContactPhone,
                [l["Unit.Accounts"]] = string.Join("、", accounts.GetValueOrDefault(u.Id) ?? []),
                [l["Field.Status"]] = l[u.IsActive ? "Unit.Active" : "Unit.Inactive"].Value,
            }),
            l["Nav.Units"], ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        Accounts = await AccountsOfAsync([.. Results.Items.Select(u => u.Id)], ct);
    }

    private async Task<Dictionary<int, List<string>>> AccountsOfAsync(List<int> ids, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.UnitId != null && ids.Contains(u.UnitId.Value) && !u.IsDisabled)
            .Select(u => new { UnitId = u.UnitId!.Value, u.UserName }).ToListAsync(ct))
        .GroupBy(u => u.UnitId).ToDictionary(g => g.Key, g => g.Select(u => u.UserName!).Order().ToList());

    private IQueryable<HandlingUnit> Filtered()
    {
        var query = db.HandlingUnits.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(u => u.Name.Contains(q) || (u.ContactPerson != null && u.ContactPerson.Contains(q)));
        }

        if (Kind is { } kind)
        {
            query = query.Where(u => u.Kind == kind);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(u => u.RegionCode.StartsWith(prefix));
        }

        return query.OrderByDescending(u => u.IsActive).ThenBy(u => u.RegionCode).ThenBy(u => u.Name);
    }

    public sealed class UnitInput
    {
        public string? Name { get; set; }

        public UnitKind Kind { get; set; } = UnitKind.Department;

        public string? RegionCode { get; set; }

        public string? ContactPerson { get; set; }

        public string? ContactPhone { get; set; }
    }
}
