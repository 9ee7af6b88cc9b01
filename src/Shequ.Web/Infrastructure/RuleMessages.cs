using Microsoft.AspNetCore.Mvc.ModelBinding;
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
}
