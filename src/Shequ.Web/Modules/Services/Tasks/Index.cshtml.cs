using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Services;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Tasks;

/// <summary>Routine and surge tasks in scope, and the overdue list: every occurrence not reported by its date.</summary>
public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TaskLimit = 2000;

    [BindProperty(SupportsGet = true)]
    public TaskKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public Page<WorkTask> Tasks { get; private set; } = new([], 1, Page<WorkTask>.DefaultSize, 0);

    public Page<(WorkTask Task, OverdueOccurrence Occurrence)> Late { get; private set; } = new([], 1, Page<WorkTask>.DefaultSize, 0);

    public Dictionary<int, string> AssigneeNames { get; private set; } = [];

    public string ExportUrl => Url.Page("Index", "Export", new { kind = Kind, overdue = Overdue })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tasks = await LoadAsync(ct);
        var size = PagerModel.SizeFrom(Request);
        if (Overdue)
        {
            var late = LateOccurrences(tasks);
            var page = Math.Clamp(PageNumber, 1, Math.Max(1, (late.Count + size - 1) / size));
            Late = new([.. late.Skip((page - 1) * size).Take(size)], page, size, late.Count);
            AssigneeNames = await TaskBoard.AssigneeNamesAsync(db, Late.Items.Select(x => x.Task), ct);
        }
        else
        {
            var page = Math.Clamp(PageNumber, 1, Math.Max(1, (tasks.Count + size - 1) / size));
            Tasks = new([.. tasks.Skip((page - 1) * size).Take(size)], page, size, tasks.Count);
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var tasks = await LoadAsync(ct);
        db.Audit(AuditActions.Export, nameof(WorkTask), detail: $"{tasks.Count} tasks");
        await db.SaveChangesAsync(ct);
        if (Overdue)
        {
            var late = LateOccurrences(tasks);
            var names = await TaskBoard.AssigneeNamesAsync(db, late.Select(x => x.Task), ct);
            return await Excel.DownloadAsync(HttpContext, 
                late.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    [l["Task.Title"]] = x.Task.Title,
                    [l["Field.Kind"]] = l["TaskKind." + x.Task.Kind].Value,
                    [l["Task.Assignee"]] = names.GetValueOrDefault(x.Occurrence.AssigneeId),
                    [l["Task.DueOn"]] = x.Occurrence.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    [l["Task.DaysLate"]] = x.Occurrence.DaysLate,
                }),
                l["Export.OverdueTasks"], ct);
        }

        return await Excel.DownloadAsync(HttpContext, 
            tasks.Select(t => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Task.Title"]] = t.Title,
                [l["Field.Kind"]] = l["TaskKind." + t.Kind].Value,
                [l["Task.Schedule"]] = Schedule(t),
                [l["Field.Region"]] = regionNames.NameOf(t.RegionCode),
                [l["Field.RegionCode"]] = t.RegionCode,
                [l["Task.Assignees"]] = t.Assignees.Count,
                [l["Task.Completions"]] = t.Completions.Count,
                [l["Task.OverdueCount"]] = t.Overdue(Today).Count,
            }),
            l["Nav.Tasks"], ct);
    }

    public string Schedule(WorkTask t) => TaskBoard.Schedule(l, t);

    private List<(WorkTask Task, OverdueOccurrence Occurrence)> LateOccurrences(List<WorkTask> tasks) =>
        [.. tasks.SelectMany(t => t.Overdue(Today).Select(o => (t, o))).OrderByDescending(x => x.o.DaysLate)];

    private async Task<List<WorkTask>> LoadAsync(CancellationToken ct)
    {
        var query = db.WorkTasks.AsNoTracking().Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery();
        if (Kind is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }

        return await query.OrderByDescending(t => t.Id).Take(TaskLimit).ToListAsync(ct);
    }
}
