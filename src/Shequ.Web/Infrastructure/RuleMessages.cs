using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Shequ.Domain.Common;

namespace Shequ.Web.Infrastructure;

public static class RuleMessages
{
    /// <summary>The rule's message in the UI language: a translation keyed "Rule.{code}" when there is one, else the domain's Chinese text.</summary>
    public static string For(IStringLocalizer l, BusinessRuleViolationException ex)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(ex);
        if (System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            return ex.Message;
        }

        var t = l["Rule." + ex.Code];
        return t.ResourceNotFound ? ex.Message : t.Value;
    }

    public static void AddRule(this ModelStateDictionary state, IStringLocalizer l, BusinessRuleViolationException ex) =>
        state.AddModelError(string.Empty, For(l, ex));

    /// <summary>A lost edit race (item E21): the form comes back with a 409 and the reason, nothing is overwritten.</summary>
    public static IActionResult ConflictPage(this PageModel page, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(l);
        page.ModelState.AddModelError(string.Empty, l["Error.409.Detail"]);
        page.Response.StatusCode = StatusCodes.Status409Conflict;
        return page.Page();
    }
}
