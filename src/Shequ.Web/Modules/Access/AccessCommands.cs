using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Cli;
using Shequ.Web.Seeding;
using Region = Shequ.Domain.Organization.Region;

namespace Shequ.Web.Modules.Access;

/// <summary>Accounts from the command line: the first administrator, disabling an account, API tokens for scripts.</summary>
public static class AccessCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("admin", "create", """
            admin create --user NAME --role ROLE [--region CODE] [--name DISPLAY]
                                                      create a staff account; the password is read from standard
                                                      input when piped, otherwise generated and printed once.
                                                      ROLE: system-admin (no region: sees everything), district-admin,
                                                      street-admin, community-staff, social-worker, inspector,
                                                      opinion-volunteer (a community; opinion pages only)
            """, CreateAccountAsync),
        new("user", "disable", "user disable --user NAME                  disable an account and end its sessions", DisableAsync),
        new("token", "create", "token create --user NAME [--days N]       print a bearer token for /api/v1 on the last line (default 90 days)", CreateTokenAsync),
    ];

    private static async Task<int> CreateAccountAsync(CliContext cli)
    {
        var o = cli.Options();
        var userName = CliContext.Required(o, "user");
        var role = CliContext.Required(o, "role");
        if (!Roles.IsKnown(role))
        {
            throw new CliException($"unknown role '{role}'; one of: {string.Join(", ", Roles.All)}");
        }

        var db = cli.Get<ShequDbContext>();
        Region? region = null;
        if (Roles.NeedsRegion(role))
        {
            var code = CliContext.Required(o, "region");
            region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code)
                ?? throw new CliException($"no region with code {code}");
            if (!Roles.FitsRegionLevel(role, region.Level))
            {
                throw new CliException($"a {role} account cannot be bound to a {LevelNames.Key(region.Level)} ({code})");
            }
        }
        else if (o.ContainsKey("region"))
        {
            throw new CliException("system-admin sees everything and takes no --region");
        }

        // Piped input supplies the password; a terminal, or a pipe that is empty, gets a generated one.
        var piped = cli.Stdin != Console.In || Console.IsInputRedirected ? (await cli.Stdin.ReadLineAsync())?.TrimEnd('\r', '\n') : null;
        var generated = string.IsNullOrEmpty(piped);
        var password = generated
            ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20)
            : piped!;

        await DemoDistrict.EnsureRolesAsync(cli.Services);
        var users = cli.Get<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = o.GetValueOrDefault("name"), RegionId = region?.Id, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        await cli.Stdout.WriteLineAsync($"created {userName} ({role}{(region is null ? string.Empty : " @ " + region.Code + " " + region.Name)})");
        if (generated)
        {
            await cli.Stdout.WriteLineAsync($"password (shown once): {password}");
        }

        return 0;
    }

    private static async Task<int> DisableAsync(CliContext cli)
    {
        var users = cli.Get<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(CliContext.Required(cli.Options(), "user")) ?? throw new CliException("no such user");
        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var db = cli.Get<ShequDbContext>();
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, DateTime.UtcNow));
        await cli.Stdout.WriteLineAsync($"disabled {user.UserName}; sessions end within a minute, tokens revoked");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(CliContext cli)
    {
        var o = cli.Options();
        var users = cli.Get<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(CliContext.Required(o, "user")) ?? throw new CliException("no such user");
        if (user.IsDisabled)
        {
            throw new CliException("the account is disabled");
        }

        var days = o.TryGetValue("days", out var d) ? int.TryParse(d, out var n) && n is > 0 and <= 366 ? n : throw new CliException("--days must be 1–366") : 90;
        var token = await ApiTokens.IssueAsync(cli.Get<ShequDbContext>(), user, TimeSpan.FromDays(days));
        await cli.Stdout.WriteLineAsync($"token for {user.UserName}, valid {days} days; keep it secret:");
        await cli.Stdout.WriteLineAsync(token);
        return 0;
    }
}
