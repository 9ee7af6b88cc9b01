using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Web.Seeding;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a real database: a fresh SQLite file per factory, or a fresh PostgreSQL database
/// when SHEQU_TEST_POSTGRES holds a server connection string (CI runs both). The demo district is seeded
/// (without its demo accounts: this is not a demo environment); tests create the accounts they need.
/// </summary>
public partial class ShequFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string StreetA = "320591001000";
    public const string StreetB = "320591002000";
    public const string CommunityA = "320591001001";
    public const string CommunityA2 = "320591001002";
    public const string CommunityB = "320591002001";

    private readonly string? _postgresServer = Environment.GetEnvironmentVariable("SHEQU_TEST_POSTGRES");
    private string _databaseName = "shequ_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _sqliteFile = Path.Combine(Path.GetTempPath(), "shequ-tests", Guid.NewGuid().ToString("N") + ".db");
    private bool _ownsDatabase = true;

    public bool IsPostgres => !string.IsNullOrEmpty(_postgresServer);

    public string ConnectionString => IsPostgres
        ? new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _databaseName }.ToString()
        : $"Data Source={_sqliteFile}";

    public string SqliteFile => _sqliteFile;

    /// <summary>Extra settings a test class needs (e.g. a low rate limit).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string EnvironmentName => "Testing";

    /// <summary>Makes this host a second instance on another factory's database (call before it starts).</summary>
    public void ShareDatabaseOf(ShequFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        (_databaseName, _sqliteFile, _ownsDatabase) = (first._databaseName, first._sqliteFile, false);
    }

    public async ValueTask InitializeAsync()
    {
        if (IsPostgres && _ownsDatabase)
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres" }.ToString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        _ = Server; // build and start the app: migrations and seed run now
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!_ownsDatabase)
        {
            return;
        }

        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres" }.ToString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>Everything the app logged, at every level, for the log scans of security item C14.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_sqliteFile)!);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
            logging.AddProvider(Logs);
        });
        builder.UseEnvironment(EnvironmentName);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Shequ"] = ConnectionString,
            ["Shequ:Database:Provider"] = IsPostgres ? "Postgres" : "Sqlite",
            ["Shequ:AutoMigrate"] = "true",
            ["Shequ:SeedDemo"] = "true",
            ["Shequ:SecureCookies"] = "true",
            ["Shequ:SignInAttemptsPerMinutePerIp"] = "10000",
            ["Shequ:ApiRequestsPerSecondPerCaller"] = "10000",
            ["Shequ:Requests:PublicSubmissionsPerWindow"] = "10000",
            ["Shequ:PersonalData:ActiveKeyId"] = "t1",
            ["Shequ:PersonalData:Keys:t1"] = TestKeys.Encryption,
            ["Shequ:PersonalData:BlindIndexKey"] = TestKeys.BlindIndex,
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }

        foreach (var (k, v) in settings)
        {
            builder.UseSetting(k, v);
        }
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<T> WithDbAsync<T>(Func<ShequDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShequDbContext>(), scope.ServiceProvider);
    }

    /// <summary>Creates a staff account bound to the region with this code (none for system-admin).</summary>
    public Task<StaffUser> CreateUserAsync(string userName, string role, string? regionCode) => WithDbAsync(async (db, sp) =>
    {
        await DemoDistrict.EnsureRolesAsync(sp);
        var region = regionCode is null ? null : await db.Regions.SingleAsync(r => r.Code == regionCode);
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = userName, RegionId = region?.Id, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return user;
    });

    /// <summary>Creates an account of the handling unit with this name (承办单位), bound to the unit's area.</summary>
    public Task<StaffUser> CreateUnitUserAsync(string userName, string unitName) => WithDbAsync(async (db, sp) =>
    {
        await DemoDistrict.EnsureRolesAsync(sp);
        var unit = await db.HandlingUnits.IgnoreQueryFilters().SingleAsync(u => u.Name == unitName);
        var region = await db.Regions.SingleAsync(r => r.Code == unit.RegionCode);
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = unitName, RegionId = region.Id, UnitId = unit.Id, CreatedAtUtc = DateTime.UtcNow };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Shequ.Domain.Access.Roles.UnitHandler)).Succeeded.ShouldBeTrue();
        return user;
    });

    public Task<string> IssueTokenAsync(string userName) => WithDbAsync(async (db, sp) =>
    {
        var user = await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName);
        return await Shequ.Web.Modules.Access.ApiTokens.IssueAsync(db, user!, TimeSpan.FromDays(1));
    });

    private readonly SemaphoreSlim _accounts = new(1, 1);

    /// <summary>A client carrying a bearer token of this account; the account is created with the role and region when missing.</summary>
    public async Task<HttpClient> BearerClientAsync(string userName, string? role = null, string? regionCode = null)
    {
        await _accounts.WaitAsync();
        try
        {
            if (role is not null && !await WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == userName)))
            {
                await CreateUserAsync(userName, role, regionCode);
            }
        }
        finally
        {
            _accounts.Release();
        }

        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await IssueTokenAsync(userName));
        return client;
    }

    /// <summary>A client signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = Password)
    {
        var client = NewClient();
        var response = await PostSignInAsync(client, userName, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        match.Success.ShouldBeTrue($"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Keys made once per test run; they exist only in this process's memory.</summary>
    public static class TestKeys
    {
        public static readonly string Encryption = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        public static readonly string BlindIndex = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        public static readonly string DataProtection = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
