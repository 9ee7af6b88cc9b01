using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Pages.Registry.Residents;

/// <summary>Find residents by name prefix, exact ID or mobile (blind index), group or area; masked by default.</summary>
public sealed class IndexModel(ShequDbContext db, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public SpecialGroup? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Idx { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Building { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Room { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? VillageGroup { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ResidentRow> Results { get; private set; } = new([], 1, Page<ResidentRow>.DefaultSize, 0);

    public bool CanEdit => User.CanEditRegistry();

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, idx = Idx, group = Group, key = Key, under = Under, building = Building, unit = Unit, room = Room, villageGroup = VillageGroup })!;

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    private ResidentSearch Search => new()
    {
        Q = Q,
        Index = Idx,
        Group = Group,
        KeyOnly = Key,
        Under = Under,
        Address = new HouseholdAddress(Building, Unit, Room, VillageGroup),
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // An ID number or mobile never stays in the address bar, history or logs: it becomes its blind index.
        if (ResidentSearch.ToIndex(Q, sealer, Today) is { } index)
        {
            return RedirectToPage(new { idx = index, group = Group, key = Key, under = Under, building = Building, unit = Unit, room = Room, villageGroup = VillageGroup });
        }

        var page = await Search.Apply(db, sealer, Today).ToPageAsync(PageNumber, Page<Resident>.DefaultSize, ct);
        Results = new Page<ResidentRow>([.. page.Items.Select(r => ResidentSearch.ToRow(r, sealer, Today))], page.PageNumber, page.PageSize, page.Total);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Search.Apply(db, sealer, Today).Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(Resident), detail: $"{rows.Count} rows, masked; group={Group}; key={Key}; under={Under}");
        await db.SaveChangesAsync(ct);
        return Excel.Download(
            rows.Select(r => ResidentSearch.ToRow(r, sealer, Today)).Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = r.Name,
                [l["Field.Sex"]] = l["Sex." + r.Sex].Value,
                [l["Field.Age"]] = r.Age,
                [l["Field.IdNumber"]] = r.MaskedId,
                [l["Field.Mobile"]] = r.MaskedPhone,
                [l["Field.RegionCode"]] = r.RegionCode,
                [l["Field.CareLevel"]] = l["Care." + r.CareLevel].Value,
                [l["Field.SpecialGroup"]] = string.Join("、", r.Groups.Select(g => l["Group." + g].Value)),
            }),
            $"residents-{DateTime.Now:yyyyMMdd-HHmm}.xlsx");
    }
}
