using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Web.Cli;

namespace Shequ.Web.Modules.Access;

/// <summary>
/// Accounts, sign-in and what each role may reach (security items A1–A4): Identity with Chinese messages, the session
/// cookie, bearer tokens for scripts, the policies pages and endpoints name, and the audit of refusals.
/// </summary>
public static class AccessModule
{
    private const string SmartScheme = "shequ";

    public static IReadOnlyList<CliCommand> Commands => AccessCommands.All;

    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<ShequDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<ShequClaimsFactory>();
        services.AddScoped<IUserConfirmation<StaffUser>, ShequUserConfirmation>();
        services.AddSingleton<UnknownAccounts>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IServiceProvider>((o, sp) =>
        {
            var secure = SecureCookies(sp);
            o.Cookie.Name = secure ? "__Host-Shequ" : "Shequ.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SessionLimits.ValidateAsync;
        });
        services.AddAntiforgery();
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var secure = SecureCookies(sp);
            o.Cookie.Name = secure ? "__Host-Shequ.Af" : "Shequ.Af";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ApiTokens.IsBearer(ctx.Request) ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokens.Scheme, null);
        var staffArea = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new StaffAreaRequirement()).Build();
        services.AddSingleton<IAuthorizationHandler, StaffAreaHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(staffArea)
            .SetDefaultPolicy(staffArea)
            .AddPolicy(Policies.OrganizationEdit, p => p.RequireRole(Roles.OrganizationEditors))
            .AddPolicy(Policies.RegistryEdit, p => p.RequireRole(Roles.RegistryKeepers))
            .AddPolicy(Policies.PeriodManagement, p => p.RequireRole(Roles.PeriodManagers))
            .AddPolicy(Policies.ServiceWork, p => p.RequireRole(Roles.RegistryKeepers))
            .AddPolicy(Policies.Api, staffArea)
            .AddPolicy(Policies.SuggestionKeeper, p => p.RequireRole(Roles.SuggestionKeepers));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        Infrastructure.KeyEncryption.Configure(services.AddDataProtection().SetApplicationName("Shequ").PersistKeysToDbContext<ShequDbContext>(), builder.Configuration, builder.Environment);
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Access/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Access/Account/AccessDenied");
        });
        return builder;
    }

    // Read when options are built, not at registration, so hosts and tests that add configuration late are honoured.
    private static bool SecureCookies(IServiceProvider sp) =>
        ShequApp.SecureCookies(sp.GetRequiredService<IOptions<ShequOptions>>().Value, sp.GetRequiredService<IHostEnvironment>());

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
