namespace Shequ.Web.Modules.Requests;

/// <summary>Resident requests through the grid-management stages: pages, the public report form, the escalation job and the API.</summary>
public static class RequestsModule
{
    public static IHostApplicationBuilder AddRequests(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RequestOptions>(builder.Configuration.GetSection("Shequ:Requests"));
        builder.Services.AddScoped<RequestDesk>();
        builder.Services.AddHostedService<RequestEscalation>();
        return builder;
    }

    public static RouteGroupBuilder MapRequests(this RouteGroupBuilder api) => api.MapRequestEndpoints();
}
