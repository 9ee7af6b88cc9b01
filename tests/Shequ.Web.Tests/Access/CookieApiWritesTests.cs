using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>
/// Issue 15: the API took writes on the session cookie alone, so another site's script could write as a signed-in
/// officer. Cookie writes now carry the page's antiforgery token; bearer tokens, which no browser sends by itself, do not.
/// </summary>
public class CookieApiWritesTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static object Household(string room) => new { regionCode = ShequFactory.CommunityA, building = "88", unit = "1", room, dwelling = "Apartment" };

    [Fact]
    public async Task A_write_on_the_session_cookie_alone_is_refused_and_writes_nothing()
    {
        await app.CreateUserAsync("csrf-officer", Roles.StreetAdmin, ShequFactory.StreetA);
        var browser = await app.SignedInClientAsync("csrf-officer");
        var before = await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().CountAsync());

        var forged = await browser.PostAsJsonAsync("/api/v1/households", Household("901"));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        forged.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await forged.Content.ReadAsStringAsync()).ShouldContain("防伪令牌");
        (await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
        (await browser.GetAsync("/api/v1/households")).StatusCode.ShouldBe(HttpStatusCode.OK, "reads on the cookie stay open");
    }

    [Fact]
    public async Task A_cookie_write_with_the_page_token_or_a_bearer_write_goes_through()
    {
        await app.CreateUserAsync("csrf-page", Roles.StreetAdmin, ShequFactory.StreetA);
        var browser = await app.SignedInClientAsync("csrf-page");
        var token = await ShequFactory.AntiforgeryTokenAsync(browser, "/Registry/Households/Create");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/v1/households") { Content = JsonContent.Create(Household("902")) };
        withToken.Headers.Add("X-CSRF-TOKEN", token);

        (await browser.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bearer = await app.BearerClientAsync("csrf-page");
        (await bearer.PostAsJsonAsync("/api/v1/households", Household("903"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
