using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Items F27/F28: a database that is busy, restarting or out of connections is a 503 to retry, not a 500.</summary>
public class ErrorResponsesTests
{
    [Fact]
    public void Transient_database_failures_are_503_however_they_are_wrapped()
    {
        ApiExceptionHandler.StatusFor(new SqliteException("database is locked", 5)).ShouldBe(503);
        ApiExceptionHandler.StatusFor(new DbUpdateException("save failed", new SqliteException("database is busy", 5))).ShouldBe(503);
        ApiExceptionHandler.StatusFor(new InvalidOperationException("query failed", new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException()))).ShouldBe(503);
        ApiExceptionHandler.StatusFor(new Npgsql.NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException(111))).ShouldBe(503);
    }

    [Fact]
    public void Other_failures_stay_500_and_rule_and_race_failures_keep_their_codes()
    {
        ApiExceptionHandler.StatusFor(new SqliteException("constraint failed", 19)).ShouldBe(500);
        ApiExceptionHandler.StatusFor(new InvalidOperationException("bug")).ShouldBe(500);
        ApiExceptionHandler.StatusFor(new DbUpdateConcurrencyException("lost race")).ShouldBe(409);
    }
}
