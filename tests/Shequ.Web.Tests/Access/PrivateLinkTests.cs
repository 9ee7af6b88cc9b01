using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shequ.Web.Tests.Infrastructure;
using Shequ.Web.Tests.Requests;

namespace Shequ.Web.Tests.Access;

/// <summary>
/// Issue 15: /r/{token} and /s/{token} kept the resident's secret in the address bar of the page they read, bookmark
/// and share. Opening the link now moves it into a short-lived HttpOnly cookie for that page and reopens it without.
/// </summary>
public class PrivateLinkTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    public static TheoryData<string> Kinds => new() { "request", "suggestion" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Opening_a_private_link_moves_its_secret_out_of_the_address_bar(string kind)
    {
        var resident = app.NewClient();
        var created = kind == "request"
            ? await resident.PostAsJsonAsync("/api/v1/requests", RequestTests.Leak(ShequFactory.CommunityA))
            : await resident.PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = "垃圾分类点晚上没有灯", follow = true });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var link = receipt.GetProperty("followUrl").GetString()!;
        var token = receipt.GetProperty("followToken").GetString()!;
        var page = link[..2];

        var opened = await resident.GetAsync(link);

        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.OriginalString.ShouldBe(page);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain($"path={page}", Case.Insensitive);
        cookie.ShouldContain("max-age=1800", Case.Insensitive);

        var shown = await resident.GetAsync(page);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await shown.Content.ReadAsStringAsync();
        html.ShouldContain(kind == "request" ? "楼道灯不亮" : "垃圾分类点晚上没有灯");
        html.ShouldNotContain(token, Case.Sensitive, "the page's own links and forms carry no secret");

        (await app.NewClient().GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "without the cookie the bare page shows nothing");
        (await app.NewClient().GetAsync(page + "/not-a-real-token-at-all")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
