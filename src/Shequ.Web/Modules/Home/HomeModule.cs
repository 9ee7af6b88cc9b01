using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shequ.Web.Modules.Home;

/// <summary>The site's own pages: the home dashboard with its area figures, the error page and the language switch.</summary>
public static class HomeModule
{
    public static IHostApplicationBuilder AddHome(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AreaFigures>();
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Home/Error");
            o.Conventions.AllowAnonymousToPage("/Home/Culture");
        });
        return builder;
    }
}
