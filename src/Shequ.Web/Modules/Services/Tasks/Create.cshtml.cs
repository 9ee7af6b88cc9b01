using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Services;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Tasks;

/// <summary>An administrator gives routine or surge work to workers or communities in scope.</summary>
[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class CreateModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TaskForm Input { get; set; } = new();

    public List<(int Id, string Name)> Workers { get; private set; } = [];

    public List<(string Code, string Name)> Communities { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.StartsOn = Today;
        Input.Deadline = Today.AddDays(7);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var workers = await db.Workers.Where(w => Input.WorkerIds.Contains(w.Id)).ToListAsync(ct);
        var communities = await db.Regions.Where(r => Input.CommunityCodes.Contains(r.Code) && r.Level == RegionLevel.Community).Select(r => r.Code).ToListAsync(ct);
        var assignees = workers.Select(TaskAssignee.Worker).Concat(communities.Select(TaskAssignee.Community)).ToList();
        try
        {
            var region = User.RegionCodeOf() ?? string.Empty;
            var task = Input.Kind == TaskKind.Surge
                ? WorkTask.Surge(region, Input.Title ?? string.Empty, Input.Description ?? string.Empty, Input.Deadline ?? Today, Today, assignees)
                : WorkTask.Routine(region, Input.Title ?? string.Empty, Input.Description ?? string.Empty, new Recurrence(Input.Frequency, Input.Day), Input.StartsOn ?? Today, Input.EndsOn, assignees);
            db.WorkTasks.Add(task);
            await db.SaveChangesAsync(ct);
            return RedirectToPage("Details", new { id = task.Id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Workers = [.. (await db.Workers.AsNoTracking().OrderBy(w => w.RegionCode).ThenBy(w => w.Name).Take(500).Select(w => new { w.Id, w.Name }).ToListAsync(ct)).Select(w => (w.Id, w.Name))];
        Communities = [.. (await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Community).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct)).Select(r => (r.Code, r.Name))];
    }

    public sealed class TaskForm
    {
        public TaskKind Kind { get; set; } = TaskKind.Routine;

        public string? Title { get; set; }

        public string? Description { get; set; }

        public RecurrenceFrequency Frequency { get; set; } = RecurrenceFrequency.Weekly;

        public int Day { get; set; } = 5;

        public DateOnly? StartsOn { get; set; }

        public DateOnly? EndsOn { get; set; }

        public DateOnly? Deadline { get; set; }

        public List<int> WorkerIds { get; set; } = [];

        public List<string> CommunityCodes { get; set; } = [];
    }
}
