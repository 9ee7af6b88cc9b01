using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shequ.Data.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c> in this project; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ShequDbContext>
{
    public ShequDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=shequ_design");
        return new ShequDbContext(options.Options);
    }
}
