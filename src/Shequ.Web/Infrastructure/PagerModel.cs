using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Shequ.Web.Infrastructure;

/// <summary>What the shared pager partial needs: the page position and a way to link to another page with the same filters.</summary>
public sealed class PagerModel(HttpRequest request, int pageNumber, int pageCount, int total)
{
    public int PageNumber { get; } = pageNumber;

    public int PageCount { get; } = pageCount;

    public int Total { get; } = total;

    public string UrlFor(int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (!string.Equals(key, "p", StringComparison.OrdinalIgnoreCase))
            {
                builder.Add(key, values.Select(v => v ?? string.Empty).ToArray());
            }
        }

        builder.Add("p", Math.Clamp(page, 1, PageCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request.Path + builder.ToQueryString().Value;
    }

    public static PagerModel For<T>(HttpRequest request, Page<T> page) => new(request, page.PageNumber, page.PageCount, page.Total);
}
