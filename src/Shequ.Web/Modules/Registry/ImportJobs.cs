using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Domain.Common;

namespace Shequ.Web.Modules.Registry;

/// <summary>An import running in the background, polled by the page for its progress bar.</summary>
public sealed class ImportJob(string id, string owner, string fileName)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string Owner { get; } = owner;

    public string FileName { get; } = fileName;

    public bool DryRun { get; init; }

    public int Percent { get; set; }

    public ResidentImport.Outcome? Outcome { get; private set; }

    public string? Failure { get; private set; }

    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    public Task Completion => _done.Task;

    public bool IsDone => _done.Task.IsCompleted;

    internal void Finish(ResidentImport.Outcome outcome)
    {
        Outcome = outcome;
        Percent = 100;
        _done.TrySetResult();
    }

    internal void Fail(string reason)
    {
        Failure = reason;
        _done.TrySetResult();
    }
}

/// <summary>
/// Runs imports off the request thread under the importing account's own scope (the same query filters as
/// its requests), keeping each job for an hour so its owner can poll it and fetch the error report.
/// One instance's memory holds the jobs: behind a load balancer, use sticky sessions for the import page.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    public ImportJob? Find(string id, string owner) =>
        _jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    public ImportJob Start(string owner, string? regionPrefix, string fileName, IReadOnlyList<ResidentImport.Row> rows, bool dryRun, DateOnly today)
    {
        foreach (var stale in _jobs.Values.Where(j => j.IsDone && j.StartedUtc < DateTime.UtcNow.AddHours(-1)))
        {
            _jobs.TryRemove(stale.Id, out _);
        }

        var job = new ImportJob(Guid.NewGuid().ToString("N"), owner, fileName) { DryRun = dryRun };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<ShequDbContext>>();
                await using var db = new ShequDbContext(options, new FixedActor(owner, regionPrefix));
                var importer = new ResidentImport(db, scope.ServiceProvider.GetRequiredService<IPersonalDataSealer>(), today);
                var outcome = await importer.RunAsync(rows, dryRun, new Progress<int>(p => job.Percent = p));
                if (outcome.Accepted && !dryRun)
                {
                    db.Audit(AuditActions.Import, "Resident", detail: $"{fileName}: {outcome.HouseholdsCreated} households, {outcome.ResidentsCreated} residents created, {outcome.Unchanged} unchanged");
                    await db.SaveChangesAsync();
                }

                job.Finish(outcome);
            }
            // The import writes around EF (ADR-009), so a database failure arrives as the provider's own exception.
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogError(ex, "Import job {Job} failed", job.Id);
                job.Fail("导入失败，数据未写入。请稍后重试或联系管理员。");
            }
        });
        return job;
    }
}
