using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Services;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Services;

namespace Shequ.Web.Modules.Services.Records;

/// <summary>Service records in scope by worker, period, item and mode — the pool evaluations are later drawn from.</summary>
public sealed class IndexModel(ShequDbContext db, ServiceDesk desk, Shequ.Domain.Common.IPersonalDataSealer sealer, Organization.RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Worker { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Item { get; set; }

    [BindProperty(SupportsGet = true)]
    public ServiceMode? Mode { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Household { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ServiceRecord> Results { get; private set; } = new([], 1, Page<ServiceRecord>.DefaultSize, 0);

    public Dictionary<int, string> ItemNames { get; private set; } = [];

    public Dictionary<int, string> WorkerNames { get; private set; } = [];

    public Dictionary<int, Registry.HouseholdLabels.Label> Households { get; private set; } = [];

    public int TotalMinutes { get; private set; }

    public string ExportUrl => Url.Page("Index", "Export", new { worker = Worker, mine = Mine, from = From, to = To, item = Item, mode = Mode, household = Household })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = await FilteredAsync(ct);
        Results = await query.ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        TotalMinutes = await query.SumAsync(r => r.Minutes, ct);
        await LoadNamesAsync(Results.Items, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await FilteredAsync(ct)).Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        await LoadNamesAsync(rows, ct);
        var regionNames = await regions.GetAsync(ct);
        db.Audit(AuditActions.Export, nameof(ServiceRecord), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Record.When"]] = r.OccurredAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                [l["Record.Item"]] = ItemNames.GetValueOrDefault(r.ServiceItemId),
                [l["Record.Worker"]] = WorkerNames.GetValueOrDefault(r.WorkerId),
                [l["Record.Householder"]] = Households.GetValueOrDefault(r.HouseholdId)?.Householder,
                [l["Field.Address"]] = Households.GetValueOrDefault(r.HouseholdId)?.Address,
                [l["Field.Region"]] = regionNames.NameOf(r.RegionCode),
                [l["Field.RegionCode"]] = r.RegionCode,
                [l["Record.Mode"]] = l["Mode." + r.Mode].Value,
                [l["Record.Provider"]] = l["Provider." + r.Provider].Value,
                [l["Record.Outcome"]] = l["Outcome." + r.Outcome].Value,
                [l["Record.Minutes"]] = r.Minutes,
                [l["Record.Note"]] = r.Note,
            }),
            l["Nav.ServiceRecords"], ct);
    }

    private async Task<IQueryable<ServiceRecord>> FilteredAsync(CancellationToken ct)
    {
        var query = db.ServiceRecords.AsNoTracking();
        if (Mine && await desk.OwnWorkerAsync(User, ct) is { } own)
        {
            Worker = own.Id;
        }

        if (Worker is { } w)
        {
            query = query.Where(r => r.WorkerId == w);
        }

        if (From is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue);
            query = query.Where(r => r.OccurredAt >= start);
        }

        if (To is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue);
            query = query.Where(r => r.OccurredAt < end);
        }

        if (Item is { } i)
        {
            query = query.Where(r => r.ServiceItemId == i);
        }

        if (Mode is { } m)
        {
            query = query.Where(r => r.Mode == m);
        }

        if (Household is { } h)
        {
            query = query.Where(r => r.HouseholdId == h);
        }

        return query.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id);
    }

    private async Task LoadNamesAsync(IReadOnlyList<ServiceRecord> rows, CancellationToken ct)
    {
        var items = rows.Select(r => r.ServiceItemId).Distinct().ToList();
        var workers = rows.Select(r => r.WorkerId).Distinct().ToList();
        ItemNames = await db.ServiceItems.IgnoreQueryFilters().Where(i => items.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        WorkerNames = await db.Workers.IgnoreQueryFilters().Where(w => workers.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        Households = await Registry.HouseholdLabels.ForAsync(db, sealer, rows.Select(r => r.HouseholdId), ct);
    }
}
