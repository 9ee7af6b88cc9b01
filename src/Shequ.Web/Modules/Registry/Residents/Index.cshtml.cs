using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Registry.Residents;

/// <summary>Find residents by name prefix, exact ID or mobile (blind index), group or area; masked by default.</summary>
public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, IPersonalDataSealer sealer, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public SpecialGroup? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Key { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
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

        var page = await Search.Apply(db, sealer, Today).ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        Results = new Page<ResidentRow>([.. page.Items.Select(r => ResidentSearch.ToRow(r, sealer, Today))], page.PageNumber, page.PageSize, page.Total);
        return Page();
    }

    public string RevealedExportUrl => Url.Page("Index", "Export", new { q = Q, idx = Idx, group = Group, key = Key, under = Under, building = Building, unit = Unit, room = Room, villageGroup = VillageGroup, reveal = true })!;

    /// <summary>Exports what the list shows; masked, unless a registry keeper asks for full values, which is audited as a reveal.</summary>
    public async Task<IActionResult> OnGetExportAsync(bool reveal, CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        if (reveal && !CanEdit)
        {
            return Forbid();
        }

        var rows = await Search.Apply(db, sealer, Today).Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(reveal ? AuditActions.Reveal : AuditActions.Export, nameof(Resident), detail: $"export of {rows.Count} rows, {(reveal ? "full values" : "masked")}; group={Group}; key={Key}; under={Under}");
        await db.SaveChangesAsync(ct);
        string IdOf(Resident r, ResidentRow row) => reveal ? sealer.Open(Resident.IdPurpose, r.IdCipher) : row.MaskedId;
        string? PhoneOf(Resident r, ResidentRow row) => reveal && r.PhoneCipher is not null ? sealer.Open(Resident.PhonePurpose, r.PhoneCipher) : row.MaskedPhone;
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(r => (Resident: r, Row: ResidentSearch.ToRow(r, sealer, Today))).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = x.Row.Name,
                [l["Field.Sex"]] = l["Sex." + x.Row.Sex].Value,
                [l["Field.Age"]] = x.Row.Age,
                [l["Field.IdNumber"]] = IdOf(x.Resident, x.Row),
                [l["Field.Mobile"]] = PhoneOf(x.Resident, x.Row),
                [l["Field.Region"]] = regionNames.NameOf(x.Row.RegionCode),
                [l["Field.RegionCode"]] = x.Row.RegionCode,
                [l["Field.CareLevel"]] = l["Care." + x.Row.CareLevel].Value,
                [l["Field.SpecialGroup"]] = string.Join("、", x.Row.Groups.Select(g => l["Group." + g].Value)),
            }),
            l["Nav.Residents"], ct);
    }
}
