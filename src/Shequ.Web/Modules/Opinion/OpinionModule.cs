namespace Shequ.Web.Modules.Opinion;

/// <summary>Contact days and suggestions: pages, the public voice pages, text analysis and the API.</summary>
public static class OpinionModule
{
    public static IHostApplicationBuilder AddOpinion(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OpinionOptions>(builder.Configuration.GetSection("Shequ:Opinion"));
        builder.Services.AddSingleton<Shequ.Domain.Opinion.ITextSegmenter, JiebaTextSegmenter>();
        builder.Services.AddSingleton<OpinionAnalysis>();
        builder.Services.AddScoped<OpinionDesk>();
        return builder;
    }

    public static RouteGroupBuilder MapOpinion(this RouteGroupBuilder api) => api.MapOpinionEndpoints();
}
