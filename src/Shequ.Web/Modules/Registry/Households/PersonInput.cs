using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Registry.Households;

/// <summary>A person as the registry forms take them; checked with the domain standards before any entity is touched.</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.PersonName")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.IdNumber")]
    public string IdNumber { get; set; } = string.Empty;

    [Display(Name = "Field.Mobile")]
    public string? Mobile { get; set; }

    [Display(Name = "Field.Relation")]
    public RelationToHead Relation { get; set; } = RelationToHead.Head;

    /// <summary>Parses the ID and mobile, adding a model error under <paramref name="prefix"/> for each that fails.</summary>
    public (IdNumber Id, MobileNumber? Mobile) Parse(ModelStateDictionary state, string prefix, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Shequ.Domain.Registry.IdNumber.TryParse(IdNumber, today, out var id, out var problem))
        {
            state.AddModelError(prefix + ".IdNumber", Shequ.Domain.Registry.IdNumber.Describe(problem));
        }

        MobileNumber? mobile = null;
        if (!string.IsNullOrWhiteSpace(Mobile))
        {
            if (MobileNumber.TryParse(Mobile, out var m))
            {
                mobile = m;
            }
            else
            {
                state.AddModelError(prefix + ".Mobile", MobileNumber.Problem);
            }
        }

        if (PersonName.Normalize(Name, out var nameProblem) is null)
        {
            state.AddModelError(prefix + ".Name", nameProblem!);
        }

        return (id, mobile);
    }
}
