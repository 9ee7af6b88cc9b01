using Microsoft.EntityFrameworkCore;

namespace Shequ.Web.Cli;

/// <summary>
/// The host binary doubles as the admin CLI: <c>dotnet run --project src/Shequ.Web -- &lt;command&gt;</c>.
/// The commands are defined beside their modules and listed by <see cref="ShequApp.Commands"/>; this class only
/// dispatches. Exit 0 on success; otherwise 1 with one line saying why on standard error.
/// </summary>
public static class ShequCli
{
    /// <summary>
    /// A first argument that is neither an option (<c>--urls …</c>) nor a configuration pair (<c>urls=…</c>) is a
    /// command, so a mistyped command fails fast instead of starting the server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args, TextReader? stdin = null, TextWriter? stdout = null)
    {
        stdin ??= Console.In;
        stdout ??= Console.Out;
        if (args[0] is "help" or "--help" or "-h" || args.Contains("--help"))
        {
            await stdout.WriteLineAsync(Help);
            return 0;
        }

        try
        {
            var command = ShequApp.Commands.FirstOrDefault(c => c.Matches(args))
                ?? throw new CliException($"unknown command '{string.Join(' ', args.Take(2))}'; run --help");
            await using var app = BuildHost();
            await using var scope = app.Services.CreateAsyncScope();
            return await command.RunAsync(new CliContext(scope.ServiceProvider, args, stdin, stdout));
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.GetBaseException().Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    public static string Help =>
        "Shequ 社区 — command line\n\n"
        + string.Concat(ShequApp.Commands.Select(c => string.Concat(c.Help.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(line => "  " + line + "\n"))))
        + """

          Without a command the web app starts. Configuration: Shequ__Database__Provider=Sqlite|Postgres,
          ConnectionStrings__Shequ=...
          """;

    private static WebApplication BuildHost()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShequ();
        return builder.Build();
    }
}
