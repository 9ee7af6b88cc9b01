using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Web.Infrastructure;
using Shequ.Web.Registry;

namespace Shequ.Web.Pages.Workforce.Workers;

[Authorize(Policy = ShequApp.OrganizationEditPolicy)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(ShequDbContext db, IOptions<Excel.UploadLimits> limits, IStringLocalizer<SharedResource> l) : PageModel
{
    public ResidentImport.Outcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() => File(WorkerImport.Template(), Excel.ContentType, "worker-import-template.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (Excel.Inspect(file, limits.Value) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        List<ResidentImport.Row> rows;
        try
        {
            await using var stream = file!.OpenReadStream();
            rows = WorkerImport.Read(stream, limits.Value.MaxRows);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            ModelState.AddModelError(string.Empty, ex is InvalidDataException ? ex.Message : l["Import.Unreadable"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Outcome = await new WorkerImport(db).RunAsync(rows, dryRun: false, ct);
        if (!Outcome.Accepted)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Audit(AuditActions.Import, "Worker", detail: $"{file.FileName}: {Outcome.ResidentsCreated} created, {Outcome.Unchanged} unchanged");
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
