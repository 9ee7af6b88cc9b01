using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// Model binding speaks the page's language: "“abc”不是有效的值" instead of "The value 'abc' is not valid for SpreadA"
/// (issue 14). The texts are looked up when a message is made, so they follow the request's culture.
/// </summary>
public static class ModelBindingMessages
{
    public static void Localize(MvcOptions options, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, _) => l["Binding.ValueInvalid", value]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Binding.ValueInvalid", value]);
        m.SetValueIsInvalidAccessor(value => l["Binding.ValueInvalid", value]);
        m.SetValueMustBeANumberAccessor(_ => l["Binding.MustBeANumber"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding.MustBeANumber"]);
        m.SetUnknownValueIsInvalidAccessor(_ => l["Binding.Invalid"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding.Invalid"]);
        m.SetValueMustNotBeNullAccessor(_ => l["Binding.Required"]);
        m.SetMissingBindRequiredValueAccessor(_ => l["Binding.Required"]);
        m.SetMissingKeyOrValueAccessor(() => l["Binding.Required"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Binding.Required"]);
    }
}
