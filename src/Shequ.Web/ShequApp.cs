using Shequ.Web.Cli;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Modules.Home;
using Shequ.Web.Modules.Opinion;
using Shequ.Web.Modules.Organization;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Modules.Requests;
using Shequ.Web.Modules.Services;
using Shequ.Web.Modules.Workforce;
using Shequ.Web.Seeding;

[assembly: System.Resources.NeutralResourcesLanguage("zh-CN")]

namespace Shequ.Web;

/// <summary>
/// The list of modules and the pipeline. Each module registers its services and maps its API routes from its own
/// folder under <c>Modules/</c>; a new module adds one line to each list here.
/// </summary>
public static class ShequApp
{
    public static bool IsDemoEnvironment(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Demo");

    /// <summary>
    /// Secure, <c>__Host-</c> cookies and HSTS: as configured, else on everywhere but the demo environments, whose
    /// cookies follow the request so plain HTTP on localhost works (issue 15).
    /// </summary>
    public static bool SecureCookies(ShequOptions options, IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SecureCookies ?? !IsDemoEnvironment(env);
    }

    public static void AddShequ(this WebApplicationBuilder builder) => builder
        .AddPlatform()
        .AddAccess()
        .AddHome()
        .AddOrganization()
        .AddRegistry()
        .AddWorkforce()
        .AddServices()
        .AddRequests()
        .AddOpinion()
        .AddAssessment();

    public static void UseShequ(this WebApplication app)
    {
        app.UsePlatform();
        app.MapApi()
            .MapOrganization()
            .MapRegistry()
            .MapWorkforce()
            .MapServices()
            .MapRequests()
            .MapOpinion()
            .MapAssessment();
    }

    /// <summary>The admin CLI's commands, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<CliCommand> Commands { get; } =
        [.. HostCommands.All, .. DemoCommands.All, .. AccessModule.Commands, .. RegistryModule.Commands, .. AssessmentModule.Commands];
}
