using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Registry;

namespace Shequ.Web.Modules.Workforce.Workers;

[Authorize(Policy = Policies.OrganizationEdit)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(ShequDbContext db, IOptions<Excel.UploadLimits> limits) : PageModel
{
    public ResidentImport.Outcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() => File(WorkerImport.Template(), Excel.ContentType, "社区工作者导入模板.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var (rows, refusal) = await ResidentImport.ReadUploadAsync(file, limits.Value, WorkerImport.Columns);
        if (rows is null)
        {
            ModelState.AddModelError(string.Empty, refusal!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Outcome = await new WorkerImport(db).RunAsync(rows, dryRun: false, ct);
        if (!Outcome.Accepted)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Audit(AuditActions.Import, "Worker", detail: $"{file!.FileName}: {Outcome.ResidentsCreated} created, {Outcome.Unchanged} unchanged");
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
