using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Registry;

namespace Shequ.Web.Modules.Registry;

/// <summary>
/// Imports households and residents from the published template. The file is checked and parsed in the
/// request; the import runs in the background with a polled progress bar. Small files finish before the page
/// returns. A rejected file yields a downloadable error report.
/// </summary>
[Authorize(Policy = Policies.RegistryEdit)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(ImportJobs jobs, ICurrentActor actor, TimeProvider time, IOptions<Excel.UploadLimits> limits) : PageModel
{
    public static readonly TimeSpan WaitBeforeAnswering = TimeSpan.FromSeconds(2);

    public ImportJob? Job { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() =>
        File(ResidentImport.Template(), Excel.ContentType, "居民导入模板.xlsx");

    public IActionResult OnGetProgress(string job) =>
        jobs.Find(job, Owner) is { } found ? Partial("_ImportProgress", found) : NotFound();

    public IActionResult OnGetErrors(string job) =>
        jobs.Find(job, Owner) is { Outcome: { Accepted: false } outcome }
            ? File(ResidentImport.ErrorReport(outcome.Errors), Excel.ContentType, "import-errors.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        var (rows, refusal) = await ResidentImport.ReadUploadAsync(file, limits.Value, ResidentImport.Columns);
        if (rows is null)
        {
            ModelState.AddModelError(string.Empty, refusal!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Job = jobs.Start(Owner, actor.RegionPrefix, file!.FileName, rows, dryRun, DateOnly.FromDateTime(time.GetLocalNow().Date));
        await Task.WhenAny(Job.Completion, Task.Delay(WaitBeforeAnswering, ct));
        if (Job.Outcome is { Accepted: false })
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    private string Owner => User.Identity?.Name ?? string.Empty;
}
