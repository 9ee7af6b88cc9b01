using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;
using Shequ.Web.Registry;

namespace Shequ.Web.Pages.Registry;

/// <summary>Imports households and residents from the published template; a rejected file yields a downloadable error report.</summary>
[Authorize(Policy = ShequApp.RegistryEditPolicy)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(
    ShequDbContext db,
    IPersonalDataSealer sealer,
    TimeProvider time,
    IMemoryCache cache,
    IOptions<Excel.UploadLimits> limits,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public ResidentImport.Outcome? Outcome { get; private set; }

    public bool DryRun { get; private set; }

    public string? ReportKey { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() =>
        File(ResidentImport.Template(), Excel.ContentType, "resident-import-template.xlsx");

    public IActionResult OnGetErrors(string key) =>
        cache.TryGetValue(CacheKey(key), out byte[]? report) && report is not null
            ? File(report, Excel.ContentType, "import-errors.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        DryRun = dryRun;
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
            rows = ResidentImport.Read(stream, limits.Value.MaxRows);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            ModelState.AddModelError(string.Empty, ex is InvalidDataException ? ex.Message : l["Import.Unreadable"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var importer = new ResidentImport(db, sealer, DateOnly.FromDateTime(time.GetLocalNow().Date));
        Outcome = await importer.RunAsync(rows, dryRun, progress: null, ct);
        if (!Outcome.Accepted)
        {
            ReportKey = Guid.NewGuid().ToString("N");
            cache.Set(CacheKey(ReportKey), ResidentImport.ErrorReport(Outcome.Errors), TimeSpan.FromMinutes(30));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (!dryRun)
        {
            db.Audit(AuditActions.Import, nameof(Resident), detail: $"{file!.FileName}: {Outcome.HouseholdsCreated} households, {Outcome.ResidentsCreated} residents created, {Outcome.Unchanged} unchanged");
            await db.SaveChangesAsync(ct);
        }

        return Page();
    }

    /// <summary>A report belongs to the account that made it.</summary>
    private string CacheKey(string key) => $"import-errors:{User.Identity?.Name}:{key}";
}
