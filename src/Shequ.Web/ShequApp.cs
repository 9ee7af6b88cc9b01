using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Web.Access;
using Shequ.Web.Api;
using Shequ.Web.Infrastructure;

[assembly: System.Resources.NeutralResourcesLanguage("zh-CN")]

namespace Shequ.Web;

/// <summary>Marker for the shared UI resources (Resources/SharedResource*.resx).</summary>
public sealed class SharedResource;

/// <summary>Settings under the "Shequ" section.</summary>
public sealed class ShequOptions
{
    /// <summary>Apply migrations at start-up. Defaults to on in Development and Demo only; Production runs the CLI's migrate.</summary>
    public bool? AutoMigrate { get; set; }

    /// <summary>Seed the demo district on an empty database. Same default as <see cref="AutoMigrate"/>.</summary>
    public bool? SeedDemo { get; set; }

    /// <summary>Password of the demo accounts (demo environments only).</summary>
    public string DemoPassword { get; set; } = "Shequ-Demo-2026";

    /// <summary><c>__Host-</c> cookies marked Secure. Off only for plain-HTTP development.</summary>
    public bool? SecureCookies { get; set; }

    public int SignInAttemptsPerMinutePerIp { get; set; } = 20;

    public int ApiRequestsPerSecondPerCaller { get; set; } = 50;

    public string[] KnownProxies { get; set; } = [];
}

public static class ShequApp
{
    public const string OrganizationEditPolicy = "organization-edit";
    public const string ApiPolicy = "api";
    public const string RegistryEditPolicy = "registry-edit";

    /// <summary>Doing the community's work: recording services, handling requests, reporting tasks done. Inspectors only read.</summary>
    public const string ServiceWorkPolicy = "service-work";

    /// <summary>Entering and sorting suggestions: staff who keep the registry, and public-opinion volunteers.</summary>
    public const string SuggestionKeeperPolicy = "suggestion-keeper";

    /// <summary>The rate-limiting policy of anonymous submissions.</summary>
    public const string PublicSubmissionPolicy = "public-submission";
    private const string SmartScheme = "shequ";

    public static bool IsDemoEnvironment(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Demo");

    public static void AddShequ(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<ShequOptions>(config.GetSection("Shequ"));
        services.Configure<Excel.UploadLimits>(config.GetSection("Shequ:Upload"));
        services.Configure<Shequ.Domain.Registry.VisitRules>(config.GetSection("Shequ:VisitRules"));
        services.Configure<Requests.RequestOptions>(config.GetSection("Shequ:Requests"));
        services.Configure<Opinion.OpinionOptions>(config.GetSection("Shequ:Opinion"));

        // Settings are read when options are built, not here, so hosts and tests that add configuration late are honoured.
        static bool SecureCookies(IServiceProvider sp) =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ShequOptions>>().Value.SecureCookies
            ?? !sp.GetRequiredService<IHostEnvironment>().IsDevelopment();

        // Data
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        // Options are built once per host, not for every request's context: building them parses the connection
        // string and touches the data folder, which cost more than the rest of a resident's submission (P1).
        services.AddDbContext<ShequDbContext>(
            (sp, o) =>
            {
                var cfg = sp.GetRequiredService<IConfiguration>();
                ShequDatabase.Configure(o, ShequDatabase.ParseProvider(cfg["Shequ:Database:Provider"]), cfg.GetConnectionString("Shequ"));
            },
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Shequ.Domain.Common.IPersonalDataSealer>(sp =>
        {
            // Keys come from configuration (a secret store in production); only non-Production hosts may generate a ring.
            var configured = sp.GetRequiredService<IConfiguration>().GetSection("Shequ:PersonalData").Get<Shequ.Data.Protection.PersonalDataOptions>() ?? new();
            var allowGenerated = !sp.GetRequiredService<IHostEnvironment>().IsProduction();
            return new Shequ.Data.Protection.AesGcmPersonalDataSealer(
                Shequ.Data.Protection.AesGcmPersonalDataSealer.ResolveOptions(configured, allowGenerated, Path.Combine("data", "keys", "personal-data.json")));
        });

        // Identity and sessions (items A1–A4)
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
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IServiceProvider>((o, sp) =>
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
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokens.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokens.Scheme, null);
        var staffArea = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new StaffAreaRequirement()).Build();
        services.AddSingleton<IAuthorizationHandler, StaffAreaHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(staffArea)
            .SetDefaultPolicy(staffArea)
            .AddPolicy(OrganizationEditPolicy, p => p.RequireRole(Roles.OrganizationEditors))
            .AddPolicy(RegistryEditPolicy, p => p.RequireRole(Roles.RegistryKeepers))
            .AddPolicy(ServiceWorkPolicy, p => p.RequireRole(Roles.RegistryKeepers))
            .AddPolicy(ApiPolicy, staffArea)
            .AddPolicy(SuggestionKeeperPolicy, p => p.RequireRole(Roles.SuggestionKeepers));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        Infrastructure.KeyEncryption.Configure(services.AddDataProtection().SetApplicationName("Shequ").PersistKeysToDbContext<ShequDbContext>(), config);

        // Rate limits answer 429 with Retry-After (item A1)
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };

            // Anonymous submissions (requests, suggestions, evaluations, answers on follow pages) share one budget per
            // address; the endpoints and the /Open pages that accept them carry this policy.
            o.AddPolicy(PublicSubmissionPolicy, ctx =>
            {
                if (!HttpMethods.IsPost(ctx.Request.Method) || !string.IsNullOrEmpty(ctx.Request.Headers.Authorization))
                {
                    return RateLimitPartition.GetNoLimiter("none");
                }

                var requests = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Requests.RequestOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter("public:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "local"), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = requests.PublicSubmissionsPerWindow,
                    Window = TimeSpan.FromMinutes(requests.PublicSubmissionWindowMinutes),
                });
            });
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var shequ = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ShequOptions>>().Value;
                var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "local";
                if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments("/Account/Login"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ip, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = shequ.SignInAttemptsPerMinutePerIp,
                        Window = TimeSpan.FromMinutes(1),
                    });
                }

                if (ctx.Request.Path.StartsWithSegments("/api"))
                {
                    var caller = ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? ApiTokens.Hash(auth) : ip;
                    return RateLimitPartition.GetTokenBucketLimiter("api:" + caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = shequ.ApiRequestsPerSecondPerCaller * 2,
                        TokensPerPeriod = shequ.ApiRequestsPerSecondPerCaller,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    });
                }

                return RateLimitPartition.GetNoLimiter("none");
            });
        });

        // Web: Chinese text goes out as text, not as numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("zh-CN"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;

            // Chinese first: only an explicit choice (query or cookie) switches language, not the browser's.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
                o.Conventions.AllowAnonymousToFolder("/Open");
                o.Conventions.AddFolderApplicationModelConvention("/Open", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(PublicSubmissionPolicy)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddSingleton<Registry.ImportJobs>();
        services.AddScoped<Requests.RequestDesk>();
        services.AddScoped<Services.ServiceDesk>();
        services.AddHostedService<Requests.RequestEscalation>();
        services.AddSingleton<Shequ.Domain.Opinion.ITextSegmenter, Opinion.JiebaTextSegmenter>();
        services.AddSingleton<Opinion.OpinionAnalysis>();
        services.AddScoped<Opinion.OpinionDesk>();
        services.AddScoped<Assessment.CampaignDesk>();
        services.AddMemoryCache();
        services.AddSingleton<Pages.AreaFigures>();
        services.Configure<Assessment.BallotBoxOptions>(config.GetSection("Shequ:BallotBox"));
        services.AddSingleton<Assessment.BallotBox>();
        services.AddHostedService(sp => sp.GetRequiredService<Assessment.BallotBox>());
        services.AddScoped<Assessment.ScoreBoard>();
        services.AddScoped<Assessment.PeriodDesk>();
        services.AddScoped<Assessment.InvitationTexts>();
        services.TryAddSingleton<Assessment.IInvitationSender, Assessment.NoInvitationSender>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<ShequDbContext>(
            "database",
            customTestQuery: async (db, ct) =>
            {
                // Reaching a table, not just opening a file, is what "the database answers" means.
                await db.Regions.IgnoreQueryFilters().AnyAsync(ct);
                return true;
            });
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ShequOptions>>((o, shequ) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in shequ.Value.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
    }

    public static void UseShequ(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = ApiExceptionHandler.StatusFor });
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseShequSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapHealthChecks("/healthz").AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy).MapOrganizationEndpoints().MapRegistryEndpoints().MapRequestEndpoints().MapServiceEndpoints().MapOpinionEndpoints().MapAssessmentEndpoints();
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
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
