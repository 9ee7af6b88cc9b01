using Microsoft.Extensions.DependencyInjection.Extensions;
using Shequ.Web.Cli;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// Periods, campaigns and resident evaluations: pages, the resident page /e, the group-commit ballot box, scores and
/// pay, the API and the campaign/period commands.
/// </summary>
public static class AssessmentModule
{
    public static IReadOnlyList<CliCommand> Commands => AssessmentCommands.All;

    public static IHostApplicationBuilder AddAssessment(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AssessmentOptions>(builder.Configuration.GetSection("Shequ:Assessment"));
        services.AddScoped<CampaignDesk>();
        services.Configure<BallotBoxOptions>(builder.Configuration.GetSection("Shequ:BallotBox"));
        services.AddSingleton<BallotBox>();
        services.AddHostedService(sp => sp.GetRequiredService<BallotBox>());
        services.AddScoped<ScoreBoard>();
        services.AddScoped<PayDesk>();
        services.AddScoped<ReviewDesk>();
        services.AddSingleton<CodeGuard>();
        services.AddScoped<PeriodDesk>();
        services.AddScoped<InvitationTexts>();
        services.TryAddSingleton<IInvitationSender, NoInvitationSender>();
        return builder;
    }

    public static RouteGroupBuilder MapAssessment(this RouteGroupBuilder api) => api.MapAssessmentEndpoints().MapAssessmentCycleEndpoints();
}
