using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>
/// Pages live in their modules' folders; which of them a stranger may open is decided by the layout (a module's
/// Open/ folder) and by a short list of named pages, never by where a page happened to be moved.
/// </summary>
public class PageAccessTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static readonly string[] PublicRoutes =
    [
        "Account/Login", "Account/AccessDenied", "Error", "Culture", // sign-in, errors, language
        "report", "r/{token?}", "guide/{community?}", "voice/{community?}", "s/{token?}", "e/{token?}", "gongshi/{community?}", // residents
    ];

    private IEnumerable<RouteEndpoint> Pages => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null);

    [Fact]
    public void Only_sign_in_errors_language_and_the_modules_open_pages_need_no_sign_in()
    {
        var anonymous = Pages.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();

        anonymous.ShouldBe(PublicRoutes, ignoreOrder: true);
        Pages.Count().ShouldBeGreaterThan(50, "every module's pages are found under Modules/");
    }

    [Fact]
    public void Every_page_in_an_open_folder_shares_the_anonymous_submission_budget()
    {
        var open = Pages.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath.Contains("/Open/", StringComparison.Ordinal)).ToList();

        open.Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath.Split('/')[1]).Distinct()
            .ShouldBe(["Assessment", "Opinion", "Requests", "Services"], ignoreOrder: true);
        open.ShouldAllBe(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName == Policies.PublicSubmission);
        Pages.Except(open).ShouldAllBe(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>() == null);
    }
}
