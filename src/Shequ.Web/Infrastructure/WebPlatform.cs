using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Shequ.Data;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// What every module stands on: the database and the personal-data sealer, rate limits, localization, Razor Pages
/// rooted at <c>Modules/</c>, ProblemDetails, OpenAPI, health and forwarded headers; and the request pipeline.
/// </summary>
public static class WebPlatform
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<ShequOptions>(config.GetSection("Shequ"));
        services.Configure<Excel.UploadLimits>(config.GetSection("Shequ:Upload"));

        // Options are built once per host, not for every request's context: building them parses the connection
        // string and touches the data folder, which cost more than the rest of a resident's submission (P1).
        services.AddDbContext<ShequDbContext>(
            (sp, o) =>
            {
                var cfg = sp.GetRequiredService<IConfiguration>();
                ShequDatabase.Configure(o, ShequDatabase.ParseProvider(cfg["Shequ:Database:Provider"]), cfg.GetConnectionString("Shequ"));
                // Modules watch their own saves (the region directory drops its names when a region changes).
                o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
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

        AddRateLimits(services);

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
                o.RootDirectory = "/Modules";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.Add(new PublicPagesConvention());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>(ModelBindingMessages.Localize);
        services.AddMemoryCache();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        services.AddProblemDetails();

        // A value that does not bind is a 400 ProblemDetails in every environment, never the developer page with a
        // stack trace; and the raw value is not logged (the binder logs it at Debug), issue 15.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.RequestDelegateFactory", LogLevel.Warning);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(OpenApiContract.Configure);
        services.AddHealthChecks().AddDbContextCheck<ShequDbContext>(
            "database",
            customTestQuery: async (db, ct) =>
            {
                // Reaching a table, not just opening a file, is what "the database answers" means.
                await db.Regions.IgnoreQueryFilters().AnyAsync(ct);
                return true;
            });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ShequOptions>>((o, shequ) =>
        {
            // The framework trusts loopback by default, which lets any local client claim an address past the
            // per-address limits (issue 15): only the proxies configured here are believed. With both lists empty it
            // would believe everyone, so without a configured proxy no forwarded header is read at all.
            o.ForwardedHeaders = shequ.Value.KnownProxies.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in shequ.Value.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    /// <summary>The pipeline up to and including authorization; endpoints are mapped after it.</summary>
    public static void UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = ApiExceptionHandler.StatusFor });
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        if (ShequApp.SecureCookies(app.Services.GetRequiredService<IOptions<ShequOptions>>().Value, app.Environment))
        {
            // On HTTPS only (directly, or as a configured proxy says), and never for localhost names.
            app.UseHsts();
        }

        app.UseShequSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseBodyLimits();
        app.UseRequestLocalization();

        // Authentication first, so a limit is lifted only for a caller whose credential proved valid (issue 14).
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapRazorPages();
        app.MapHealthChecks("/healthz").AllowAnonymous().DisableRateLimiting();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
    }

    /// <summary>
    /// The JSON API's root: every module maps its routes under it, signed in by bearer token, or by the session cookie
    /// with the page's antiforgery token on writes.
    /// </summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api);
        api.AddEndpointFilter(CookieWritesCarryAntiforgeryAsync);
        return api;
    }

    /// <summary>
    /// A browser sends the session cookie to any site's form or script; a write that rides on the cookie alone could be
    /// another site's doing (issue 15). Bearer tokens are never sent by a browser on its own, so they need nothing more.
    /// </summary>
    private static async ValueTask<object?> CookieWritesCarryAntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (safe || http.User.Identity?.IsAuthenticated != true || http.User.Identity.AuthenticationType == ApiTokens.Scheme
            || await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(http))
        {
            return await next(invocation);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "缺少防伪令牌",
            detail: "用登录会话调用写接口时，须在 X-CSRF-TOKEN 请求头中带上页面的防伪令牌；程序调用请使用 Bearer 令牌。");
    }

    /// <summary>Rate limits answer 429 with Retry-After (item A1).</summary>
    private static void AddRateLimits(IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (ctx, _) =>
        {
            var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
            ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };

        // Anonymous submissions (requests, suggestions, evaluations, answers on follow pages) share one budget per
        // address; the endpoints and the modules' Open/ pages that accept them carry this policy. Its setting has lived
        // under Shequ:Requests since the report form was the only public page.
        o.AddPolicy(Policies.PublicSubmission, ctx =>
        {
            // Staff entering on a resident's behalf are not held to one address's budget; a made-up Authorization
            // header is not staff, it is just another anonymous caller.
            if (!HttpMethods.IsPost(ctx.Request.Method) || ctx.User.Identity?.IsAuthenticated == true)
            {
                return RateLimitPartition.GetNoLimiter("none");
            }

            var requests = ctx.RequestServices.GetRequiredService<IOptions<Modules.Requests.RequestOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter("public:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "local"), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = requests.PublicSubmissionsPerWindow,
                Window = TimeSpan.FromMinutes(requests.PublicSubmissionWindowMinutes),
            });
        });
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
        {
            var shequ = ctx.RequestServices.GetRequiredService<IOptions<ShequOptions>>().Value;
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
                // Keyed on who authentication proved, never on a header's presence: made-up credentials share the
                // address's anonymous budget (issue 15, A1).
                var caller = ctx.User.Identity?.IsAuthenticated == true ? "user:" + ctx.User.Identity.Name : "anonymous:" + ip;
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
}
