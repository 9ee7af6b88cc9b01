using System.Net;
using System.Text.RegularExpressions;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Home;

/// <summary>
/// Issue 16 (roles and duties): the navigation offered every role every link — an inspector saw 导入居民 and 登记服务,
/// staff saw 绩效工资测算 and everyone "API 文档" — and half of them ended on the access-denied page. Each role now sees
/// only links it may follow, and still the ones it needs.
/// </summary>
public partial class RoleNavigationTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    public static TheoryData<string, string?> Callers => new()
    {
        { Roles.SystemAdmin, null },
        { Roles.DistrictAdmin, "320591" },
        { Roles.StreetAdmin, ShequFactory.StreetA },
        { Roles.CommunityStaff, ShequFactory.CommunityA },
        { Roles.SocialWorker, ShequFactory.CommunityA },
        { Roles.Inspector, "320591" },
        { Roles.OpinionVolunteer, ShequFactory.CommunityA },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task No_navigation_link_leads_a_role_to_a_refusal(string role, string? region)
    {
        var user = "nav-" + role;
        await app.CreateUserAsync(user, role, region);
        var client = await app.SignedInClientAsync(user);
        var home = await (await client.OpenAsync("/")).Content.ReadAsStringAsync();
        var links = Navigation().Match(home).Value is { Length: > 0 } nav
            ? Href().Matches(nav).Select(m => m.Groups[1].Value).Where(h => h.StartsWith('/') && !h.StartsWith("/Account/", StringComparison.Ordinal)).Distinct().ToList()
            : [];
        links.ShouldNotBeEmpty();

        // The navigation's pages, then the links on them (list actions), one of each shape (/Assessment/Pay/N).
        var refused = new List<string>();
        var templateText = new List<string>();
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Link, int Depth)>(links.Select(l => (l, 0)));
        while (queue.TryDequeue(out var next) && shapes.Count < 250)
        {
            if (!shapes.Add(Digits().Replace(next.Link, "N")))
            {
                continue;
            }

            var answer = await client.GetAsync(next.Link);
            if (answer.StatusCode is HttpStatusCode.Forbidden || (int)answer.StatusCode >= 500
                || answer.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true)
            {
                refused.Add($"{next.Link} → {(int)answer.StatusCode} {answer.Headers.Location}");
            }
            else if (answer.StatusCode == HttpStatusCode.OK && answer.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await answer.Content.ReadAsStringAsync();
                if (ReadableText(html).Contains('@', StringComparison.Ordinal))
                {
                    templateText.Add(next.Link);
                }

                if (next.Depth > 0)
                {
                    continue;
                }

                foreach (var link in Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                    .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal) && !h.StartsWith("/Account/", StringComparison.Ordinal) && !h.StartsWith("/lib/", StringComparison.Ordinal)
                        && !h.StartsWith("/css/", StringComparison.Ordinal) && !h.StartsWith("/js/", StringComparison.Ordinal) && !h.Contains("handler=", StringComparison.Ordinal)))
                {
                    queue.Enqueue((link, 1));
                }
            }
        }

        refused.ShouldBeEmpty();
        templateText.ShouldBeEmpty("pages that show Razor text such as v@v.Number");
    }

    /// <summary>What a person reads: no scripts, no markup.</summary>
    public static string ReadableText(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, @"<(script|style)\b.*?</\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase), "<[^>]+>", " "));

    [Theory]
    [InlineData(Roles.Inspector, "320591", new[] { "/Registry/Import", "/Services/Records/New", "/Requests/New", "/scalar" })]
    [InlineData(Roles.CommunityStaff, ShequFactory.CommunityA, new[] { "/scalar", "/Organization/Regions/Import" })]
    [InlineData(Roles.DistrictAdmin, "320591", new string[0])]
    public async Task A_role_is_not_offered_what_it_may_not_do(string role, string region, string[] absent)
    {
        var user = "nav2-" + role;
        await app.CreateUserAsync(user, role, region);
        var home = await (await app.SignedInClientAsync(user)).GetStringAsync("/");

        foreach (var link in absent)
        {
            home.ShouldNotContain($"href=\"{link}\"");
        }

        if (role == Roles.DistrictAdmin)
        {
            home.ShouldContain("href=\"/scalar\"", Case.Sensitive, "administrators keep the API documentation");
            home.ShouldContain("href=\"/Registry/Import\"");
        }
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("<nav.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Navigation();

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Href();
}
