using Shequ.Domain.Organization;

namespace Shequ.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void The_domain_references_neither_ef_nor_aspnet()
    {
        var references = typeof(Region).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();
        references.ShouldNotContain(n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        references.ShouldNotContain(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        references.ShouldNotContain(n => n.StartsWith("Shequ.Data", StringComparison.Ordinal));
    }
}
