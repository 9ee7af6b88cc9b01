using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Shequ.Web.Modules.Organization;

/// <summary>
/// <c>&lt;region code="…" /&gt;</c>: a region as people read it — its name, the code beside it in small print on wide
/// screens and in the tooltip — optionally a link to the region's page.
/// </summary>
[HtmlTargetElement("region", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RegionTagHelper(RegionDirectory directory) : TagHelper
{
    public string? Code { get; set; }

    public bool Link { get; set; }

    /// <summary>False where the code would only crowd the line (a breadcrumb, a chart label).</summary>
    public bool ShowCode { get; set; } = true;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        output.TagName = "span";
        output.Attributes.SetAttribute("class", "region");
        if (string.IsNullOrEmpty(Code))
        {
            output.SuppressOutput();
            return;
        }

        var names = await directory.GetAsync();
        var name = names.NameOf(Code);
        output.Attributes.SetAttribute("title", Code);
        if (Link)
        {
            output.Content.AppendHtml("<a href=\"/Organization/Regions/Details/");
            output.Content.Append(Code);
            output.Content.AppendHtml("\">");
            output.Content.Append(name);
            output.Content.AppendHtml("</a>");
        }
        else
        {
            output.Content.Append(name);
        }

        if (ShowCode && name != Code)
        {
            output.Content.AppendHtml(" <span class=\"code small text-muted d-none d-xl-inline\">");
            output.Content.Append(Code);
            output.Content.AppendHtml("</span>");
        }
    }
}
