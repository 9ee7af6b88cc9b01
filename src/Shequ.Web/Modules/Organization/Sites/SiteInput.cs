using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Organization;

namespace Shequ.Web.Modules.Organization.Sites;

/// <summary>The fields a person fills in for a service site (never the entity itself: item A7).</summary>
public sealed class SiteInput
{
    [Display(Name = "Field.Kind")]
    public ServiceSiteKind Kind { get; set; } = ServiceSiteKind.ServiceHall;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Region")]
    public string RegionCode { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Name")]
    public string Name { get; set; } = string.Empty;

    [StringLength(200, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Address")]
    public string? Address { get; set; }

    [StringLength(100, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.OpeningHours")]
    public string? OpeningHours { get; set; }

    [StringLength(50, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ContactPerson")]
    public string? ContactPerson { get; set; }

    [StringLength(30, ErrorMessage = "Validation.Length")]
    [RegularExpression(@"^[0-9+\-() ]{5,30}$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Field.ContactPhone")]
    public string? ContactPhone { get; set; }

    [Display(Name = "Field.HallStatus")]
    public HallStatus? HallStatus { get; set; }

    [Display(Name = "Field.PointType")]
    public ServicePointType? PointType { get; set; }

    [StringLength(200, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ServedCommunities")]
    public string? ServedCommunityCodes { get; set; }

    public int Version { get; set; }

    public SiteDetails ToDetails() => new(Name, Address, OpeningHours, ContactPerson, ContactPhone, HallStatus, PointType);

    public static SiteInput From(ServiceSite s) => new()
    {
        Kind = s.Kind,
        RegionCode = s.Region.Code,
        Name = s.Name,
        Address = s.Address,
        OpeningHours = s.OpeningHours,
        ContactPerson = s.ContactPerson,
        ContactPhone = s.ContactPhone,
        HallStatus = s.HallStatus,
        PointType = s.PointType,
        ServedCommunityCodes = string.Join(", ", s.ServedCommunities.Select(c => c.Code)),
        Version = s.Version,
    };

    /// <summary>
    /// The communities named in the served-communities field, or null after adding a model error naming
    /// the codes that do not exist or lie outside the caller's scope.
    /// </summary>
    public async Task<List<Region>?> ServedCommunitiesAsync(ShequDbContext db, ModelStateDictionary state, IStringLocalizer l, CancellationToken ct)
    {
        var codes = (ServedCommunityCodes ?? string.Empty)
            .Split([',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var found = await db.Regions.Where(r => codes.Contains(r.Code)).ToListAsync(ct);
        var missing = codes.Except(found.Select(f => f.Code)).ToList();
        if (missing.Count == 0)
        {
            return found;
        }

        state.AddModelError("Input.ServedCommunityCodes", l["Region.ParentNotFound", string.Join(", ", missing)]);
        return null;
    }
}
