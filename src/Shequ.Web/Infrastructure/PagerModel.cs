using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// What the shared pager partial needs: the page position, the page size the reader chose (<c>size</c>), and links to
/// other pages with the same filters.
/// </summary>
public sealed class PagerModel(HttpRequest request, int pageNumber, int pageCount, int total, int defaultSize = 20)
{
    /// <summary>The sizes a reader may choose; anything else reads as the default.</summary>
    public static readonly int[] Sizes = [20, 50, 100, 200];

    public int PageNumber { get; } = pageNumber;

    public int PageCount { get; } = pageCount;

    public int Total { get; } = total;

    public int PageSize => SizeFrom(request, defaultSize);

    /// <summary>The page size asked for in the query string (<c>size</c>), when it is one of <see cref="Sizes"/>.</summary>
    public static int SizeFrom(HttpRequest request, int defaultSize = 20)
    {
        ArgumentNullException.ThrowIfNull(request);
        return int.TryParse(request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && Sizes.Contains(size) ? size : defaultSize;
    }

    /// <summary>The pages to link around the current one: the first, the last, and two either side, with gaps as null.</summary>
    public IReadOnlyList<int?> Window()
    {
        var pages = new SortedSet<int> { 1, PageCount };
        for (var p = Math.Max(1, PageNumber - 2); p <= Math.Min(PageCount, PageNumber + 2); p++)
        {
            pages.Add(p);
        }

        var window = new List<int?>();
        var previous = 0;
        foreach (var p in pages)
        {
            if (p > previous + 1)
            {
                window.Add(null);
            }

            window.Add(p);
            previous = p;
        }

        return window;
    }

    /// <summary>The query's other parameters, carried by the jump form as hidden fields.</summary>
    public IEnumerable<KeyValuePair<string, string>> OtherParameters() =>
        QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !string.Equals(kv.Key, "p", StringComparison.OrdinalIgnoreCase) && !string.Equals(kv.Key, "size", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? string.Empty)));

    public string Path => request.Path;

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

        builder.Add("p", Math.Clamp(page, 1, PageCount).ToString(CultureInfo.InvariantCulture));
        return request.Path + builder.ToQueryString().Value;
    }

    public static PagerModel For<T>(HttpRequest request, Page<T> page) => new(request, page.PageNumber, page.PageCount, page.Total, page.PageSize);
}
