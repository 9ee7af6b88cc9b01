using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shequ.Data.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c> in this project.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ShequDbContext>
{
    public ShequDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new ShequDbContext(options.Options);
    }
}
