using Shequ.Web;
using Shequ.Web.Cli;

if (ShequCli.IsCommand(args))
{
    return await ShequCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddShequ();
var app = builder.Build();
app.UseShequ();
await StartupTasks.RunAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
