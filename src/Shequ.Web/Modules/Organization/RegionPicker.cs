using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Shequ.Domain.Organization;

namespace Shequ.Web.Modules.Organization;

/// <summary>
/// <c>&lt;region-picker asp-for="Input.RegionCode" levels="Grid" /&gt;</c>: where a form asks for a region, people type a
/// name and pick from a list of their own scope (or open the tree level by level) instead of typing a code. The form
/// still posts the code; what was typed without picking is posted as typed, and the page resolves a name or a code.
/// </summary>
[HtmlTargetElement("region-picker", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RegionPickerTagHelper(RegionDirectory directory, IStringLocalizer<SharedResource> l) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    /// <summary>The posted field's name when there is no model expression (a filter's query parameter).</summary>
    public string? Name { get; set; }

    public string? Value { get; set; }

    public string? Id { get; set; }

    /// <summary>The levels that may be chosen, comma-separated (Street, Community, Grid); others can only be opened.</summary>
    public string? Levels { get; set; }

    public bool Small { get; set; }

    public bool Required { get; set; }

    /// <summary>Several regions: the field carries their codes separated by commas, shown as removable names.</summary>
    public bool Multiple { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var name = Name ?? (For is null ? "region" : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name));
        var value = Value ?? For?.Model?.ToString();
        var id = Id ?? TagBuilder.CreateSanitizedId(name, "_");
        var names = await directory.GetAsync();
        var chosen = Multiple ? (value ?? string.Empty).Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var shown = Multiple || string.IsNullOrEmpty(value) ? string.Empty : names.NameOf(value);
        var size = Small ? " form-control-sm" : string.Empty;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "region-picker position-relative");
        output.Attributes.SetAttribute("data-pick-url", "/Organization/Regions/Pick?levels=" + Uri.EscapeDataString(Levels ?? string.Empty));

        var hidden = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        hidden.MergeAttributes(new Dictionary<string, string?> { ["type"] = "hidden", ["name"] = name, ["value"] = value, ["data-picker-value"] = "" });

        var text = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        text.MergeAttributes(new Dictionary<string, string?>
        {
            ["type"] = "text",
            ["id"] = id,
            ["class"] = "form-control" + size,
            ["value"] = shown,
            ["role"] = "combobox",
            ["aria-autocomplete"] = "list",
            ["aria-expanded"] = "false",
            ["aria-controls"] = id + "-list",
            ["autocomplete"] = "off",
            ["placeholder"] = l["Picker.Placeholder"],
            ["data-picker-text"] = "",
        });
        if (Required)
        {
            text.Attributes["required"] = "required";
        }

        var list = new TagBuilder("ul");
        list.MergeAttributes(new Dictionary<string, string?> { ["id"] = id + "-list", ["class"] = "list-group region-picker-list position-absolute w-100 shadow-sm", ["role"] = "listbox", ["hidden"] = "hidden", ["aria-label"] = l["Picker.Choices"] });

        output.Content.AppendHtml(hidden);
        if (Multiple)
        {
            output.Attributes.SetAttribute("data-multiple", "true");
            output.Attributes.SetAttribute("data-remove-label", l["Picker.Remove", string.Empty].Value.Trim());
            var chips = new TagBuilder("div");
            chips.MergeAttributes(new Dictionary<string, string?> { ["class"] = "d-flex flex-wrap gap-1 mb-1", ["data-picker-chips"] = "" });
            foreach (var code in chosen)
            {
                chips.InnerHtml.AppendHtml(Chip(code, names.NameOf(code)));
            }

            output.Content.AppendHtml(chips);
        }

        output.Content.AppendHtml(text);
        output.Content.AppendHtml(list);
    }

    // The script builds the same chip when a region is added.
    private TagBuilder Chip(string code, string name)
    {
        var chip = new TagBuilder("span");
        chip.MergeAttributes(new Dictionary<string, string?> { ["class"] = "badge text-bg-light border fw-normal fs-6", ["data-chip"] = code });
        chip.InnerHtml.Append(name + " ");
        var remove = new TagBuilder("button");
        remove.MergeAttributes(new Dictionary<string, string?> { ["type"] = "button", ["class"] = "btn-close btn-close-sm align-middle", ["data-remove"] = code, ["aria-label"] = l["Picker.Remove", name] });
        chip.InnerHtml.AppendHtml(remove);
        return chip;
    }
}

public static class RegionPicker
{
    /// <summary>The levels a picker offers; none named means every level.</summary>
    public static IReadOnlySet<RegionLevel> ParseLevels(string? levels)
    {
        var parsed = (levels ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<RegionLevel>(s, ignoreCase: true, out var level) && Enum.IsDefined(level) ? level : (RegionLevel?)null)
            .OfType<RegionLevel>()
            .ToHashSet();
        return parsed.Count > 0 ? parsed : Enum.GetValues<RegionLevel>().ToHashSet();
    }
}
