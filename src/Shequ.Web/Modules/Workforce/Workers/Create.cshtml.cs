using Shequ.Web.Modules.Access;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Workforce;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Workforce.Workers;

[Authorize(Policy = Policies.OrganizationEdit)]
public sealed class CreateModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public WorkerInput Input { get; set; } = new();

    public void OnGet(string? employer) => Input.EmployerCode = employer ?? string.Empty;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var employer = await db.Regions.SingleOrDefaultAsync(r => r.Code == Input.EmployerCode.Trim(), ct);
        if (employer is null)
        {
            ModelState.AddModelError("Input.EmployerCode", l["Region.ParentNotFound", Input.EmployerCode]);
            return Page();
        }

        try
        {
            var worker = Worker.Hire(employer, Input.ToProfile());
            db.Workers.Add(worker);
            await db.SaveChangesAsync(ct);
            return Redirect("/Workforce/Workers/Details/" + worker.Id);
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    public sealed class WorkerInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.PersonName")]
        public string Name { get; set; } = string.Empty;

        [StringLength(50, ErrorMessage = "Validation.Length")]
        [Display(Name = "Field.Position")]
        public string? Position { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Employer")]
        public string EmployerCode { get; set; } = string.Empty;

        [Display(Name = "Field.StartDate")]
        public DateOnly StartDate { get; set; } = DateOnly.FromDateTime(DateTime.Today);

        [Display(Name = "Field.Employment")]
        public EmploymentCategory Category { get; set; } = EmploymentCategory.ProfessionalSocialWorker;

        [Display(Name = "Field.Qualification")]
        public Qualification Qualification { get; set; }

        [Range(2008, 2100, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.QualificationYear")]
        public int? QualificationYear { get; set; }

        public WorkerProfile ToProfile() => new(Name, Position, Category, Qualification, QualificationYear, StartDate);
    }
}
