using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Shequ.Web.Modules.Home;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int? code) => Describe(code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 500));

    public void OnPost(int? code) => OnGet(code);

    private void Describe(int code)
    {
        Response.StatusCode = code;
        (Heading, Explanation) = code switch
        {
            404 => (l["Error.404"], l["Error.404.Detail"]),
            403 => (l["Error.403"], l["Error.403.Detail"]),
            400 => (l["Error.400"], l["Error.400.Detail"]),
            409 => (l["Error.409"], l["Error.409.Detail"]),
            429 => (l["Error.429"], l["Error.429.Detail"]),
            _ => (l["Error.500"], l["Error.500.Detail"]),
        };
    }
}
