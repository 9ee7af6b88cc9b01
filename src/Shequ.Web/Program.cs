using Shequ.Web;
using Shequ.Web.Cli;
using Shequ.Web.Infrastructure;

if (ShequCli.IsCommand(args))
{
    return await ShequCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddShequ();
var app = builder.Build();
app.UseShequ();
try
{
    await StartupTasks.RunAsync(app);
}
catch (OutdatedDatabaseException ex)
{
    // An operator's problem with a one-line answer, not a crash: no stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
