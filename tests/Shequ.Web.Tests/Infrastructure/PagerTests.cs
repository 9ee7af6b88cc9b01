using System.Net;
using System.Text.RegularExpressions;
using Shequ.Domain.Access;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Issue 16: every list pages with page numbers, a jump to a page and a choice of page size, keeping its filters.</summary>
public partial class PagerTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [GeneratedRegex(@"<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex Body();

    private static int Rows(string html) => Regex.Count(Body().Match(html).Groups[1].Value, "<tr");

    [Fact]
    public async Task A_reader_chooses_the_page_size_jumps_to_a_page_and_keeps_the_filter()
    {
        await app.CreateUserAsync("pager-district", Roles.DistrictAdmin, "320591");
        var client = await app.SignedInClientAsync("pager-district");

        var first = await client.GetStringAsync("/Organization/Regions?level=grid");
        Rows(first).ShouldBe(20);
        var total = int.Parse(Regex.Match(first, @"共 (\d+) 条").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        total.ShouldBeGreaterThan(100, "the demo district has more than a hundred grids");
        var pages = (total + 49) / 50;

        var second = await client.GetStringAsync("/Organization/Regions?level=grid&size=50&p=2");
        Rows(second).ShouldBe(50);
        second.ShouldContain($"共 {total} 条，第 2/{pages} 页");
        second.ShouldContain("<li class=\"page-item active\" aria-current=\"page\"><span class=\"page-link\">2</span></li>");
        second.ShouldContain($"href=\"/Organization/Regions?level=grid&amp;size=50&amp;p={pages}\"", Case.Sensitive, "the last page is one click away");
        second.ShouldContain("<input type=\"hidden\" name=\"level\" value=\"grid\" />", Case.Sensitive, "the jump form keeps the filter");
        second.ShouldContain("<option value=\"50\" selected=\"selected\">每页 50 条</option>");

        var last = await client.GetStringAsync($"/Organization/Regions?level=grid&size=50&p={pages}");
        Rows(last).ShouldBe(total - ((pages - 1) * 50));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("100000")]
    [InlineData("-1")]
    [InlineData("abc")]
    public async Task A_page_size_not_offered_reads_as_the_default(string size)
    {
        var user = "pager-size-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(size));
        await app.CreateUserAsync(user, Roles.DistrictAdmin, "320591");
        var client = await app.SignedInClientAsync(user);

        var response = await client.GetAsync($"/Organization/Regions?level=grid&size={size}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Rows(await response.Content.ReadAsStringAsync()).ShouldBe(20);
    }
}
